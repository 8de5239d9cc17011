package dev.backprop.training;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The heartbeat's database work for {@link TrainingJobRunner}: renewing the leases of the jobs
 * running here, finding the jobs held here that no worker runs, handing jobs back, and re-queuing
 * (or failing) the jobs of replicas that stopped renewing theirs.
 */
@Component
class JobLeases {

  private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

  private final JobQueue queue;
  private final TrainingProperties properties;
  private final Clock clock;

  JobLeases(JobQueue queue, TrainingProperties properties, Clock clock) {
    this.queue = queue;
    this.properties = properties;
    this.clock = clock;
  }

  void renew(String owner, Collection<UUID> running) {
    queue.renewLeases(owner, running, clock.instant().plus(properties.leaseDuration()));
  }

  /**
   * The jobs the database says run on {@code owner} but are not in {@code running}: a claim
   * committed whose answer was lost with its connection, or a hand-back that failed.
   */
  List<UUID> orphans(String owner, Collection<UUID> running) {
    return queue.runningOn(owner).stream().filter(id -> !running.contains(id)).toList();
  }

  /** Hands a job back, logging rather than throwing if the database is away. */
  void handBack(UUID id, String owner) {
    try {
      if (queue.handBack(id, owner)) {
        log.info("Training job {} handed back to the queue while its worker was busy", id);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Training job {} could not be handed back ({}); its lease will run out",
          id,
          e.toString());
    }
  }

  /**
   * Re-queues (or fails, after too many attempts) jobs whose replica stopped renewing them; how
   * many were re-queued.
   */
  int recover() {
    try {
      int requeued =
          queue.recoverExpired(clock.instant(), properties.maxAttempts(), JobFailures.leaseLost());
      if (requeued > 0) {
        log.info("Re-queued {} training job(s) whose replica stopped", requeued);
      }
      return requeued;
    } catch (RuntimeException e) {
      log.warn("Could not recover abandoned training jobs: {}", e.toString());
      return 0;
    }
  }
}
