package dev.backprop.training;

import dev.backprop.network.VersionMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training jobs as the candidates of a hyperparameter search: ordinary jobs (queued, claimed by any
 * replica, listed, with their curves) that point to their search and, when they succeed, keep their
 * parameters beside the job ({@link KeptResult}) instead of adding a version.
 */
@Service
public class CandidateJobs {

  private final TrainingService training;
  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final KeptResultRepository kept;
  private final TrainingJobRunner runner;
  private final TrainingMetrics metrics;
  private final Clock clock;

  CandidateJobs(
      TrainingService training,
      TrainingJobRepository jobs,
      JobQueue queue,
      KeptResultRepository kept,
      TrainingJobRunner runner,
      TrainingMetrics metrics,
      Clock clock) {
    this.training = training;
    this.jobs = jobs;
    this.queue = queue;
    this.kept = kept;
    this.runner = runner;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The settings a candidate would run with, checked as a job's would be on submission. */
  public JobSettings check(String network, TrainingJobRequest request) {
    return training.checked(network, request);
  }

  /**
   * Queues one job per settings, in that order, as candidates of {@code search}; all of them or,
   * past the queue's limit, none.
   */
  @Transactional
  public List<UUID> submit(String network, List<JobSettings> candidates, UUID search) {
    training.checkQueue(candidates.size());
    Instant now = clock.instant();
    List<UUID> ids = new ArrayList<>();
    for (JobSettings settings : candidates) {
      UUID id = UUID.randomUUID();
      // A microsecond apart, so that the queue (oldest first) runs them in the search's order.
      jobs.insert(id, network, settings, now.plus(ids.size(), ChronoUnit.MICROS), search);
      metrics.submitted();
      ids.add(id);
    }
    return ids;
  }

  /** Looks for work now: call once the candidates' transaction has committed. */
  public void wake() {
    runner.wake();
  }

  /** A search's candidates as clients see jobs (without their history), by job id. */
  public Map<UUID, TrainingJobResponse> of(UUID search) {
    Map<UUID, TrainingJobResponse> byId = new HashMap<>();
    jobs.ofSearch(search).forEach(job -> byId.put(job.id(), job.toResponse()));
    return byId;
  }

  /** The metrics of the kept epoch of each candidate that succeeded, by job id. */
  public Map<UUID, VersionMetrics> keptMetrics(UUID search) {
    return kept.metricsOfSearch(search);
  }

  /** What a succeeded candidate kept, until its search dropped it. */
  public Optional<KeptResult> kept(UUID job) {
    return kept.find(job);
  }

  /** Drops the parameters the search's candidates kept; their metrics stay. */
  public void dropKept(UUID search) {
    kept.dropModels(search);
  }

  /**
   * Cancels a search's queued and running candidates, here and (through the database) elsewhere.
   */
  public int cancel(UUID search) {
    List<UUID> mine = jobs.ofSearch(search).stream().map(TrainingJob::id).toList();
    int cancelled = queue.cancelForSearch(search, clock.instant());
    mine.forEach(runner::cancelled);
    return cancelled;
  }
}
