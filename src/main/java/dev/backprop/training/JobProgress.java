package dev.backprop.training;

import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.CheckpointSink;
import dev.backprop.engine.EpochMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a running attempt writes and reads while it trains: where it starts (its job's last
 * checkpoint, or epoch 0), each finished epoch (which renews the lease), its checkpoints, and
 * between batches whether it should stop. Every one of these rides out a database outage through
 * {@link DatabaseRetry}: the attempt pauses where it is and goes on once the database is back, as
 * long as the job still runs on this replica.
 */
@Component
class JobProgress {

  private static final Logger log = LoggerFactory.getLogger(JobProgress.class);

  /** How often a running job asks the database whether it was cancelled on another replica. */
  private static final long STATUS_CHECK_NANOS = Duration.ofMillis(250).toNanos();

  private static final AtomicInteger WRITERS = new AtomicInteger();

  private final JobQueue queue;
  private final TrainingJobRepository jobs;
  private final JobCheckpoints checkpoints;
  private final DatabaseRetry retry;
  private final TrainingProperties properties;
  private final TrainingMetrics metrics;
  private final TransactionTemplate transactions;
  private final Clock clock;

  /**
   * Where attempts store their epochs at the interval ({@link EpochLog}): a thread while a store is
   * under way, kept a minute after; daemons, so a store never holds the JVM up (one that is under
   * way when a run ends is waited for by the run's last flush).
   */
  private final Executor writers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "epoch-store-" + WRITERS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  JobProgress(
      JobQueue queue,
      TrainingJobRepository jobs,
      JobCheckpoints checkpoints,
      DatabaseRetry retry,
      TrainingProperties properties,
      TrainingMetrics metrics,
      TransactionTemplate transactions,
      Clock clock) {
    this.queue = queue;
    this.jobs = jobs;
    this.checkpoints = checkpoints;
    this.retry = retry;
    this.properties = properties;
    this.metrics = metrics;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Where this attempt starts: the job's last checkpoint (its progress is taken back to that
   * epoch), or null to start from epoch 0 (the progress of an earlier attempt is cleared).
   */
  Checkpoint start(TrainingJob job, RunningJob handle) {
    UUID id = job.id();
    Optional<Checkpoint> saved =
        retry.untilDone(
            "Training job " + id + ": reading its checkpoint",
            () -> checkpoints.load(id),
            stopped(handle));
    if (saved.isEmpty()) {
      if (job.epoch() > 0) {
        run(
            "Training job " + id + ": clearing its progress",
            () -> queue.resetProgress(id),
            handle);
      }
      return null;
    }
    Checkpoint checkpoint = saved.get();
    EpochMetrics last = checkpoint.history().get(checkpoint.epoch() - 1);
    run(
        "Training job " + id + ": resuming",
        () -> queue.resumeFrom(id, checkpoint.epoch(), EpochRecord.of(last)),
        handle);
    log.info("Training job {} resumes from its checkpoint after epoch {}", id, checkpoint.epoch());
    return checkpoint;
  }

  /**
   * Where an attempt's finished epochs go: stored in groups (see {@link EpochLog}), each group in
   * one transaction that also renews the lease; a job no longer running here is stopped.
   */
  EpochLog epochs(UUID id, String owner, RunningJob handle) {
    return new EpochLog(
        records ->
            retry.untilDone(
                "Training job " + id + ": recording epochs up to " + last(records),
                () -> recordOnce(id, owner, records),
                stopped(handle)),
        metrics::epochTrained,
        handle,
        writers);
  }

  private static int last(List<EpochRecord> records) {
    return records.get(records.size() - 1).epoch();
  }

  private boolean recordOnce(UUID id, String owner, List<EpochRecord> records) {
    Instant leaseUntil = clock.instant().plus(properties.leaseDuration());
    try {
      return Boolean.TRUE.equals(
          transactions.execute(tx -> queue.recordEpochs(id, owner, records, leaseUntil)));
    } catch (DuplicateKeyException e) {
      // An earlier try was stored, but its answer was lost with the connection.
      return queue.renewLeases(owner, List.of(id), leaseUntil) == 1;
    }
  }

  /**
   * Saves a checkpoint every {@code checkpoint-interval}, at the end of an epoch, once the epochs
   * it holds are stored (a resume takes the job's progress back to the checkpoint's epoch).
   */
  CheckpointSink checkpoints(UUID id, String owner, RunningJob handle, EpochLog epochs) {
    long interval = properties.checkpointInterval().toNanos();
    return new CheckpointSink() {
      private long last = System.nanoTime();

      @Override
      public boolean due(int epoch) {
        return System.nanoTime() - last >= interval;
      }

      @Override
      public void save(Checkpoint checkpoint) {
        epochs.flush();
        boolean mine =
            retry.untilDone(
                "Training job " + id + ": saving its checkpoint",
                () -> checkpoints.save(id, owner, checkpoint, clock.instant()),
                stopped(handle));
        last = System.nanoTime();
        if (!mine) {
          handle.cancel();
        }
      }
    };
  }

  /** Checked between batches: a cancel here or elsewhere, a shutdown, or the time limit. */
  BooleanSupplier stopSignal(UUID id, RunningJob handle, Instant deadline) {
    long[] nextCheck = {System.nanoTime() + STATUS_CHECK_NANOS};
    return () -> {
      if (handle.stop() != RunningJob.Stop.NONE) {
        return true;
      }
      long now = System.nanoTime();
      if (now >= nextCheck[0]) {
        nextCheck[0] = now + STATUS_CHECK_NANOS;
        if (clock.instant().isAfter(deadline)) {
          handle.timeOut();
        } else if (status(id, handle) != JobStatus.RUNNING) {
          handle.cancel();
        }
      }
      return handle.stop() != RunningJob.Stop.NONE;
    };
  }

  private JobStatus status(UUID id, RunningJob handle) {
    return retry.untilDone(
        "Training job " + id + ": checking its status", () -> jobs.status(id), stopped(handle));
  }

  /** The attempt's checkpoint is of no use once the job has ended. */
  void ended(UUID id) {
    try {
      checkpoints.deleteIfEnded(id);
    } catch (RuntimeException e) {
      log.warn("Training job {}: could not delete its checkpoint: {}", id, e.toString());
    }
  }

  private void run(String what, Runnable action, RunningJob handle) {
    retry.untilDone(
        what,
        () -> {
          action.run();
          return null;
        },
        stopped(handle));
  }

  private static BooleanSupplier stopped(RunningJob handle) {
    return () -> handle.stop() != RunningJob.Stop.NONE;
  }
}
