package dev.backprop.training;

import dev.backprop.EngineLifecycle;
import dev.backprop.domain.DomainException;
import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.EpochMetrics;
import dev.backprop.engine.Model;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingCancelledException;
import dev.backprop.engine.TrainingResult;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkService;
import dev.backprop.network.VersionMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed job to its end: SUCCEEDED with a new version, FAILED, CANCELLED or re-queued.
 */
@Component
class JobExecution {

  private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

  private final JobQueue queue;
  private final JobProgress progress;
  private final DatabaseRetry retry;
  private final NetworkService networks;
  private final JobData data;
  private final TrainingProperties properties;
  private final TrainingMetrics metrics;
  private final TransactionTemplate transactions;
  private final KeptResultRepository kept;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final EngineLifecycle engine;

  JobExecution(
      JobQueue queue,
      JobProgress progress,
      DatabaseRetry retry,
      NetworkService networks,
      JobData data,
      TrainingProperties properties,
      TrainingMetrics metrics,
      TransactionTemplate transactions,
      KeptResultRepository kept,
      ApplicationEventPublisher events,
      Clock clock,
      EngineLifecycle engine) {
    this.queue = queue;
    this.progress = progress;
    this.retry = retry;
    this.networks = networks;
    this.data = data;
    this.properties = properties;
    this.metrics = metrics;
    this.transactions = transactions;
    this.kept = kept;
    this.events = events;
    this.clock = clock;
    this.engine = engine;
  }

  void run(TrainingJob job, RunningJob handle, String owner) {
    Instant start = clock.instant();
    metrics.started(Duration.between(job.createdAt(), start));
    UUID id = job.id();
    try {
      Outcome outcome = train(job, handle, owner, start);
      EpochMetrics best = outcome.best();
      if (!Double.isFinite(best.loss())) {
        fail(job, owner, JobFailures.diverged(best.loss()), start, handle);
      } else {
        succeed(job, owner, outcome, best, handle);
        metrics.finished(JobStatus.SUCCEEDED, Duration.between(start, clock.instant()));
      }
    } catch (TrainingCancelledException e) {
      stopped(job, handle, owner, start);
    } catch (DomainException e) {
      fail(job, owner, JobFailures.of(e), start, handle);
    } catch (RuntimeException e) {
      if (retry.isTransient(e)) {
        handBack(job, owner, handle, e);
        return;
      }
      log.error("Training job {} failed", id, e);
      fail(job, owner, JobFailures.unexpected(e), start, handle);
    }
    if (handle.stop() != RunningJob.Stop.HAND_BACK) {
      ended(job);
    }
  }

  /**
   * The database went away where no pause was possible (loading the job's inputs, or a shutdown
   * meanwhile): the job goes back to the queue, its start not counted as an attempt.
   */
  private void handBack(TrainingJob job, String owner, RunningJob handle, RuntimeException cause) {
    log.warn(
        "Training job {} handed back after a database failure: {}", job.id(), cause.toString());
    try {
      retry.untilDone(
          "Training job " + job.id() + ": handing it back",
          () -> queue.handBack(job.id(), owner),
          () -> handle.stop() == RunningJob.Stop.HAND_BACK);
    } catch (RuntimeException e) {
      log.warn("Training job {} could not be handed back; its lease will run out", job.id());
    }
  }

  /** Tells listeners (a search waiting for its candidates) that the job's end is stored. */
  private void ended(TrainingJob job) {
    try {
      events.publishEvent(new TrainingJobEndedEvent(job.id(), job.network(), job.search()));
    } catch (RuntimeException e) {
      log.warn("A listener failed on the end of training job {}: {}", job.id(), e.toString());
    }
  }

  /** What training produced, and the class labels its outputs stand for (null if none). */
  private record Outcome(TrainingResult result, List<String> labels) {

    /** The epoch whose weights the result keeps: the best under early stopping, else the last. */
    EpochMetrics best() {
      List<EpochMetrics> history = result.history();
      if (history.isEmpty()) {
        throw new IllegalStateException("training ended without a single epoch");
      }
      return history.get(Math.max(0, result.bestEpoch() - 1));
    }
  }

  private Outcome train(TrainingJob job, RunningJob handle, String owner, Instant start) {
    Network network = networks.get(job.network());
    JobSettings settings = job.settings();
    TargetEncoder.Encoded encoded = data.load(network, settings);
    Checkpoint resume = progress.start(job, handle);
    Model warmStart =
        settings.fromVersion() == null || resume != null
            ? null
            : networks
                .load(job.network(), networks.resolve(job.network(), settings.fromVersion()))
                .model();
    Instant deadline = start.plus(properties.maxJobDuration());
    EpochLog epochs = progress.epochs(job.id(), owner, handle);
    // ND4J loads in the background at start (serving does not need it): a job that starts
    // meanwhile waits for it here, after its data has loaded.
    engine.awaitLoaded();
    TrainingResult result;
    try {
      result =
          Trainer.train(
              network.spec(),
              warmStart,
              encoded.data(),
              settings.config(),
              epochs,
              progress.stopSignal(job.id(), handle, deadline),
              resume,
              progress.checkpoints(job.id(), owner, handle, epochs),
              threads(job));
    } catch (RuntimeException e) {
      epochs.flushQuietly(job.id()); // the epochs before a cancel or a failure stay stored
      throw e;
    }
    epochs.flush();
    return new Outcome(result, encoded.labels());
  }

  /** The job's threads on this replica, with a warning when it asked for more than it allows. */
  private int threads(TrainingJob job) {
    JobSettings settings = job.settings();
    int threads = settings.threadsWithin(properties.threadsPerJob());
    if (settings.threads() != null && settings.threads() > threads) {
      log.warn(
          "Training job {} asked for {} threads; this replica allows {}"
              + " (backprop.training.threads-per-job), so its results will differ in their last bits"
              + " from a run on {}",
          job.id(),
          settings.threads(),
          threads,
          settings.threads());
    }
    return threads;
  }

  private void succeed(
      TrainingJob job, String owner, Outcome outcome, EpochMetrics best, RunningJob handle) {
    TrainingResult result = outcome.result();
    VersionMetrics versionMetrics =
        new VersionMetrics(
            best.loss(),
            best.validationLoss(),
            best.accuracy(),
            best.validationAccuracy(),
            result.history().size(),
            result.bestEpoch());
    // Tried again after a lost connection: a try whose commit went through left the job
    // SUCCEEDED, so the next one matches no running job and rolls its version back.
    retry.untilDone(
        "Training job " + job.id() + ": storing its result",
        () ->
            transactions.execute(
                tx -> {
                  Integer version = store(job, versionMetrics, outcome);
                  if (!queue.finish(
                      job.id(), owner, JobStatus.SUCCEEDED, version, null, clock.instant())) {
                    tx.setRollbackOnly(); // cancelled or handed over meanwhile: keep no version
                  }
                  return version;
                }),
        () -> handle.stop() == RunningJob.Stop.HAND_BACK);
    progress.ended(job.id());
  }

  /**
   * A job's parameters become a version of its network; a search's candidate keeps them beside the
   * job instead, since its search makes one version of the best candidate at its end.
   */
  private Integer store(TrainingJob job, VersionMetrics versionMetrics, Outcome outcome) {
    TrainingResult result = outcome.result();
    if (job.search() != null) {
      kept.insert(job.id(), versionMetrics, outcome.labels(), result.model());
      return null;
    }
    return networks.addVersion(
        job.network(), job.id(), versionMetrics, outcome.labels(), result.model());
  }

  private void stopped(TrainingJob job, RunningJob handle, String owner, Instant start) {
    switch (handle.stop()) {
      case HAND_BACK -> {
        if (queue.handBack(job.id(), owner)) {
          log.info("Training job {} handed back to the queue", job.id());
        }
      }
      case TIMED_OUT ->
          fail(
              job,
              owner,
              JobFailures.timedOut(
                  "the job ran longer than backprop.training.max-job-duration ("
                      + properties.maxJobDuration()
                      + ")"),
              start,
              handle);
      default -> {
        progress.ended(job.id());
        metrics.finished(JobStatus.CANCELLED, Duration.between(start, clock.instant()));
      }
    }
  }

  private void fail(
      TrainingJob job, String owner, JobError error, Instant start, RunningJob handle) {
    boolean failed =
        retry.untilDone(
            "Training job " + job.id() + ": storing its failure",
            () -> queue.finish(job.id(), owner, JobStatus.FAILED, null, error, clock.instant()),
            () -> handle.stop() == RunningJob.Stop.HAND_BACK);
    if (failed) {
      progress.ended(job.id());
      metrics.finished(JobStatus.FAILED, Duration.between(start, clock.instant()));
    }
  }
}
