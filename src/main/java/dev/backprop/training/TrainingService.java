package dev.backprop.training;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submits, follows and cancels training jobs; the {@link TrainingJobRunner} runs them. */
@Service
public class TrainingService {

  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final JobData data;
  private final NetworkService networks;
  private final TrainingJobRunner runner;
  private final LimitsProperties limits;
  private final int maxThreads;
  private final TrainingMetrics metrics;
  private final Clock clock;
  private final SecureRandom seeds = new SecureRandom();

  TrainingService(
      TrainingJobRepository jobs,
      JobQueue queue,
      JobData data,
      NetworkService networks,
      TrainingJobRunner runner,
      LimitsProperties limits,
      TrainingProperties training,
      TrainingMetrics metrics,
      Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.data = data;
    this.networks = networks;
    this.runner = runner;
    this.limits = limits;
    this.maxThreads = training.threadsPerJob();
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Checks a request as far as is cheap (its settings, the network, whether the data fits it, the
   * version to start from), then queues the job; the data set's rows are read when it runs.
   */
  public TrainingJobResponse submit(String networkName, TrainingJobRequest request) {
    JobSettings settings = checked(networkName, request);
    checkQueue(1);
    UUID id = UUID.randomUUID();
    jobs.insert(id, networkName, settings, clock.instant());
    metrics.submitted();
    runner.wake();
    return get(id);
  }

  /** A request's settings, defaults filled in, once they are known to suit the network. */
  JobSettings checked(String networkName, TrainingJobRequest request) {
    Network network = networks.get(networkName);
    JobSettings settings = JobSettings.of(request, limits.maxEpochs(), maxThreads, seeds::nextLong);
    data.check(network, settings);
    if (settings.fromVersion() != null) {
      networks.resolve(networkName, settings.fromVersion());
    }
    return settings;
  }

  /** Refuses {@code more} jobs when the queue would hold more than its limit with them. */
  void checkQueue(int more) {
    long queued = jobs.count(null, JobStatus.QUEUED);
    if (queued + more > limits.maxQueuedJobs()) {
      throw new LimitExceededException(
          LimitExceededException.Limit.QUEUE,
          null,
          "at most "
              + limits.maxQueuedJobs()
              + " training jobs may wait to run (backprop.limits.max-queued-jobs), and "
              + queued
              + " do; submit again once some have run");
    }
  }

  /** The job with its history thinned to at most {@link HistoryThinning#MAX_ENTRIES} entries. */
  public TrainingJobResponse get(UUID id) {
    TrainingJob job = find(id);
    int stride = HistoryThinning.stride(job.epoch());
    return job.toResponse(jobs.thinnedHistory(id, job.epoch(), stride), stride);
  }

  /** The job with every epoch of its history, for a picture that thins it its own way. */
  public TrainingJobResponse getWithWholeHistory(UUID id) {
    TrainingJob job = find(id);
    return job.toResponse(jobs.history(id, 1, job.epoch()), 1);
  }

  /** One page of a job's whole history, one entry per finished epoch. */
  PageResponse<EpochRecord> history(UUID id, HistoryPageRequest page) {
    TrainingJob job = find(id);
    long first = page.firstEpoch();
    List<EpochRecord> items =
        first > job.epoch()
            ? List.of()
            : jobs.history(id, (int) first, (int) Math.min(job.epoch(), first + page.size() - 1));
    return new PageResponse<>(items, page.page(), page.size(), job.epoch());
  }

  TrainingJob find(UUID id) {
    return jobs.find(id).orElseThrow(() -> new NotFoundException("training job " + id));
  }

  public PageResponse<TrainingJobResponse> list(
      String network, JobStatus status, PageRequest page) {
    List<TrainingJobResponse> items =
        jobs.page(network, status, page.offset(), page.size()).stream()
            .map(job -> job.toResponse())
            .toList();
    return new PageResponse<>(items, page.page(), page.size(), jobs.count(network, status));
  }

  /** Cancels a queued or running job; a running one stops before its next batch. */
  public TrainingJobResponse cancel(UUID id) {
    TrainingJob job = find(id);
    if (job.status().isFinished() || !queue.cancel(id, clock.instant())) {
      throw new ConflictException(
          "training job " + id + " has already finished (" + jobs.status(id) + ")");
    }
    runner.cancelled(id);
    return get(id);
  }

  @EventListener
  @Transactional
  void onNetworkDeleted(NetworkDeletedEvent event) {
    queue.cancelForNetwork(event.name(), clock.instant());
    runner.cancelledNetwork(event.name());
  }
}
