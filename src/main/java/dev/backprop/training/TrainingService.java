package dev.backprop.training;

import dev.backprop.dataset.DatasetData;
import dev.backprop.dataset.DatasetService;
import dev.backprop.domain.FieldError;
import dev.backprop.engine.Optimizer;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.web.ApiException;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import dev.backprop.web.ProblemTypes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submits, follows and cancels training jobs; the {@link TrainingJobRunner} runs them. */
@Service
public class TrainingService {

  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final NetworkService networks;
  private final DatasetService datasets;
  private final TrainingJobRunner runner;
  private final LimitsProperties limits;
  private final TrainingMetrics metrics;
  private final Clock clock;
  private final SecureRandom seeds = new SecureRandom();

  TrainingService(
      TrainingJobRepository jobs,
      JobQueue queue,
      NetworkService networks,
      DatasetService datasets,
      TrainingJobRunner runner,
      LimitsProperties limits,
      TrainingMetrics metrics,
      Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.networks = networks;
    this.datasets = datasets;
    this.runner = runner;
    this.limits = limits;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Validates a request as far as can be done at once, then queues the job. */
  public TrainingJobResponse submit(String networkName, TrainingJobRequest request) {
    Network network = networks.get(networkName);
    JobSettings settings = settings(request);
    checkData(network, settings);
    if (settings.fromVersion() != null) {
      networks.resolve(networkName, settings.fromVersion());
    }
    long queued = jobs.count(null, JobStatus.QUEUED);
    if (queued >= limits.maxQueuedJobs()) {
      throw ApiException.limitExceeded(
          HttpStatus.TOO_MANY_REQUESTS,
          null,
          "at most "
              + limits.maxQueuedJobs()
              + " training jobs may wait to run (backprop.limits.max-queued-jobs), and "
              + queued
              + " do; submit again once some have run");
    }
    UUID id = UUID.randomUUID();
    jobs.insert(id, networkName, settings, clock.instant());
    metrics.submitted();
    runner.wake();
    return get(id);
  }

  public TrainingJobResponse get(UUID id) {
    return find(id).toResponse(jobs.history(id, 0));
  }

  TrainingJob find(UUID id) {
    return jobs.find(id).orElseThrow(() -> ApiException.notFound("training job " + id));
  }

  public PageResponse<TrainingJobResponse> list(
      String network, JobStatus status, PageRequest page) {
    List<TrainingJobResponse> items =
        jobs.page(network, status, page.offset(), page.size()).stream()
            .map(job -> job.toResponse(null))
            .toList();
    return new PageResponse<>(items, page.page(), page.size(), jobs.count(network, status));
  }

  /** Cancels a queued or running job; a running one stops before its next batch. */
  public TrainingJobResponse cancel(UUID id) {
    TrainingJob job = find(id);
    if (job.status().isFinished() || !queue.cancel(id, clock.instant())) {
      throw ApiException.conflict(
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

  private JobSettings settings(TrainingJobRequest r) {
    int epochs = r.epochs() == null ? 100 : r.epochs();
    if (epochs > limits.maxEpochs()) {
      throw ApiException.limitExceeded(
          HttpStatus.BAD_REQUEST,
          "epochs",
          "at most "
              + limits.maxEpochs()
              + " epochs are allowed (backprop.limits.max-epochs), got "
              + epochs);
    }
    String fromVersion =
        r.fromVersion() == null || r.fromVersion().isBlank() ? null : r.fromVersion();
    if (fromVersion != null
        && !fromVersion.equals(NetworkService.LATEST)
        && !fromVersion.matches("[1-9][0-9]{0,8}")) {
      throw ApiException.invalidField(
          ProblemTypes.VALIDATION_FAILED,
          "fromVersion",
          "must be a version number (1, 2, ...) or 'latest', was '" + fromVersion + "'");
    }
    String optimizer = r.optimizer() == null ? "adam" : r.optimizer();
    try {
      Optimizer.fromName(optimizer);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(ProblemTypes.VALIDATION_FAILED, "optimizer", e.getMessage());
    }
    return new JobSettings(
        r.dataset(),
        r.data(),
        epochs,
        r.batchSize() == null ? 32 : r.batchSize(),
        r.learningRate() == null ? 0.01 : r.learningRate(),
        optimizer,
        r.momentum() == null ? 0.9 : r.momentum(),
        r.l2() == null ? 0.0 : r.l2(),
        r.validationSplit() == null ? 0.0 : r.validationSplit(),
        r.shuffle() == null || r.shuffle(),
        r.seed() == null ? seeds.nextLong() : r.seed(),
        r.standardize() == null || r.standardize(),
        r.earlyStopping() == null ? null : r.earlyStopping().patience(),
        r.earlyStopping() == null
            ? null
            : r.earlyStopping().minDelta() == null ? 0.0 : r.earlyStopping().minDelta(),
        fromVersion);
  }

  /** Refuses at once what would only fail later: unknown data sets, wrong widths, bad targets. */
  private void checkData(Network network, JobSettings settings) {
    if (settings.dataset() != null) {
      TargetEncoder.encode(datasets.load(settings.dataset()), network.spec(), network.labels());
      return;
    }
    DatasetData data = datasets.fromInline(settings.data().features(), settings.data().targets());
    try {
      TargetEncoder.encode(data, network.spec(), network.labels());
    } catch (ApiException e) {
      throw inlined(e);
    }
  }

  /**
   * The encoder names a data set's parts ({@code dataset}, {@code targets}); with inline data the
   * request's fields are {@code data.features} and {@code data.targets}.
   */
  private static ApiException inlined(ApiException e) {
    if (e.errors().isEmpty()) {
      return e;
    }
    List<FieldError> errors =
        e.errors().stream()
            .map(
                f ->
                    new FieldError(
                        switch (f.field()) {
                          case "dataset" -> "data.features";
                          case "targets" -> "data.targets";
                          default -> f.field();
                        },
                        f.message()))
            .toList();
    String detail =
        errors.stream()
            .map(f -> f.field() + ": " + f.message())
            .reduce((a, b) -> a + "; " + b)
            .get();
    return new ApiException(e.status(), e.type(), e.title(), detail, errors);
  }
}
