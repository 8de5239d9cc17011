package dev.backprop.training;

import dev.backprop.domain.DomainException;
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
import java.util.function.BooleanSupplier;
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

  /** How often a running job asks the database whether it was cancelled on another replica. */
  private static final long STATUS_CHECK_NANOS = Duration.ofMillis(250).toNanos();

  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final NetworkService networks;
  private final JobData data;
  private final TrainingProperties properties;
  private final TrainingMetrics metrics;
  private final TransactionTemplate transactions;
  private final KeptResultRepository kept;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  JobExecution(
      TrainingJobRepository jobs,
      JobQueue queue,
      NetworkService networks,
      JobData data,
      TrainingProperties properties,
      TrainingMetrics metrics,
      TransactionTemplate transactions,
      KeptResultRepository kept,
      ApplicationEventPublisher events,
      Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.networks = networks;
    this.data = data;
    this.properties = properties;
    this.metrics = metrics;
    this.transactions = transactions;
    this.kept = kept;
    this.events = events;
    this.clock = clock;
  }

  void run(TrainingJob job, RunningJob handle, String owner) {
    Instant start = clock.instant();
    metrics.started(Duration.between(job.createdAt(), start));
    UUID id = job.id();
    try {
      if (job.epoch() > 0) {
        queue.resetProgress(id); // an earlier attempt was cut short: start over, cleanly
      }
      Outcome outcome = train(job, handle, owner, start);
      EpochMetrics best = outcome.best();
      if (!Double.isFinite(best.loss())) {
        fail(job, owner, JobFailures.diverged(best.loss()), start);
      } else {
        succeed(job, owner, outcome, best);
        metrics.finished(JobStatus.SUCCEEDED, Duration.between(start, clock.instant()));
      }
    } catch (TrainingCancelledException e) {
      stopped(job, handle, owner, start);
    } catch (DomainException e) {
      fail(job, owner, JobFailures.of(e), start);
    } catch (RuntimeException e) {
      log.error("Training job {} failed", id, e);
      fail(job, owner, JobFailures.unexpected(e), start);
    }
    if (handle.stop() != RunningJob.Stop.HAND_BACK) {
      ended(job);
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
    Model warmStart =
        settings.fromVersion() == null
            ? null
            : networks
                .load(job.network(), networks.resolve(job.network(), settings.fromVersion()))
                .model();
    Instant deadline = start.plus(properties.maxJobDuration());
    TrainingResult result =
        Trainer.train(
            network.spec(),
            warmStart,
            encoded.data(),
            settings.config(),
            epoch -> record(job.id(), owner, handle, epoch),
            stopSignal(job.id(), handle, deadline));
    return new Outcome(result, encoded.labels());
  }

  private void record(UUID id, String owner, RunningJob handle, EpochMetrics epoch) {
    Instant now = clock.instant();
    boolean stillMine =
        queue.recordEpoch(id, owner, EpochRecord.of(epoch), now.plus(properties.leaseDuration()));
    metrics.epochTrained();
    if (!stillMine) {
      handle.cancel();
    }
  }

  /** Checked between batches: a cancel here or elsewhere, a shutdown, or the time limit. */
  private BooleanSupplier stopSignal(UUID id, RunningJob handle, Instant deadline) {
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
        } else if (jobs.status(id) != JobStatus.RUNNING) {
          handle.cancel();
        }
      }
      return handle.stop() != RunningJob.Stop.NONE;
    };
  }

  private void succeed(TrainingJob job, String owner, Outcome outcome, EpochMetrics best) {
    TrainingResult result = outcome.result();
    VersionMetrics versionMetrics =
        new VersionMetrics(
            best.loss(),
            best.validationLoss(),
            best.accuracy(),
            best.validationAccuracy(),
            result.history().size(),
            result.bestEpoch());
    transactions.executeWithoutResult(
        tx -> {
          Integer version = null;
          if (job.search() == null) {
            version =
                networks.addVersion(
                    job.network(), job.id(), versionMetrics, outcome.labels(), result.model());
          } else { // a search's candidate: the search makes one version of the best, at its end
            kept.insert(job.id(), versionMetrics, outcome.labels(), result.model());
          }
          if (!queue.finish(job.id(), owner, JobStatus.SUCCEEDED, version, null, clock.instant())) {
            tx.setRollbackOnly(); // cancelled or handed over meanwhile: keep no version
          }
        });
  }

  private void stopped(TrainingJob job, RunningJob handle, String owner, Instant start) {
    switch (handle.stop()) {
      case HAND_BACK -> {
        queue.handBack(job.id(), owner);
        log.info("Training job {} handed back to the queue", job.id());
      }
      case TIMED_OUT ->
          fail(
              job,
              owner,
              JobFailures.timedOut(
                  "the job ran longer than backprop.training.max-job-duration ("
                      + properties.maxJobDuration()
                      + ")"),
              start);
      default -> metrics.finished(JobStatus.CANCELLED, Duration.between(start, clock.instant()));
    }
  }

  private void fail(TrainingJob job, String owner, JobError error, Instant start) {
    if (queue.finish(job.id(), owner, JobStatus.FAILED, null, error, clock.instant())) {
      metrics.finished(JobStatus.FAILED, Duration.between(start, clock.instant()));
    }
  }
}
