package dev.backprop.training;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.engine.EarlyStopping;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.network.NetworkService;
import dev.backprop.training.TrainingJobRequest.EarlyStoppingRequest;
import dev.backprop.training.TrainingJobRequest.InlineData;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A job's request with every default filled in, as stored with the job: what it will run with.
 * {@link #of} is the one place that fills the defaults and checks what the request's own
 * annotations cannot (names, configured limits, version references); {@link #config()} is the one
 * place the engine's configuration is built.
 *
 * @param dataset the data set's name, or null with inline data
 * @param data inline data, or null with a data set
 * @param fromVersion the version to continue from ({@code latest} resolved when the job starts), or
 *     null for fresh weights
 * @param threads the threads the request asked for, or null for the running replica's {@code
 *     backprop.training.threads-per-job} (see {@link #threadsWithin})
 */
public record JobSettings(
    String dataset,
    InlineData data,
    int epochs,
    int batchSize,
    double learningRate,
    String optimizer,
    double momentum,
    double l2,
    double validationSplit,
    boolean shuffle,
    long seed,
    boolean standardize,
    Integer patience,
    Double minDelta,
    String fromVersion,
    Integer threads) {

  static final int DEFAULT_EPOCHS = 100;
  static final int DEFAULT_BATCH_SIZE = 32;
  static final double DEFAULT_LEARNING_RATE = 0.01;
  static final String DEFAULT_OPTIMIZER = "adam";
  static final double DEFAULT_MOMENTUM = 0.9;
  static final double DEFAULT_L2 = 0;
  static final double DEFAULT_VALIDATION_SPLIT = 0;
  static final boolean DEFAULT_SHUFFLE = true;
  static final boolean DEFAULT_STANDARDIZE = true;
  static final double DEFAULT_MIN_DELTA = 0;

  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

  /**
   * The settings a request asks for, defaults filled in. The request's annotations have already
   * checked each value's range.
   *
   * @param maxEpochs {@code backprop.limits.max-epochs}
   * @param maxThreads {@code backprop.training.threads-per-job}
   * @param seeds draws the seed when the request gives none
   */
  static JobSettings of(TrainingJobRequest r, int maxEpochs, int maxThreads, LongSupplier seeds) {
    int epochs = or(r.epochs(), DEFAULT_EPOCHS);
    atMost("epochs", epochs, maxEpochs, "backprop.limits.max-epochs");
    if (r.threads() != null) {
      atMost("threads", r.threads(), maxThreads, "backprop.training.threads-per-job");
    }
    String optimizer = or(r.optimizer(), DEFAULT_OPTIMIZER);
    try {
      Optimizer.fromName(optimizer);
    } catch (IllegalArgumentException e) {
      throw invalid("optimizer", e.getMessage());
    }
    EarlyStoppingRequest stopping = r.earlyStopping();
    return new JobSettings(
        r.dataset(),
        r.data(),
        epochs,
        or(r.batchSize(), DEFAULT_BATCH_SIZE),
        or(r.learningRate(), DEFAULT_LEARNING_RATE),
        optimizer,
        or(r.momentum(), DEFAULT_MOMENTUM),
        or(r.l2(), DEFAULT_L2),
        or(r.validationSplit(), DEFAULT_VALIDATION_SPLIT),
        or(r.shuffle(), DEFAULT_SHUFFLE),
        r.seed() == null ? seeds.getAsLong() : r.seed(),
        or(r.standardize(), DEFAULT_STANDARDIZE),
        stopping == null ? null : stopping.patience(),
        stopping == null ? null : or(stopping.minDelta(), DEFAULT_MIN_DELTA),
        fromVersion(r.fromVersion()),
        r.threads());
  }

  private static void atMost(String field, int value, int limit, String property) {
    if (value > limit) {
      throw new LimitExceededException(
          LimitExceededException.Limit.VALUE,
          field,
          "at most " + limit + " " + field + " are allowed (" + property + "), got " + value);
    }
  }

  /** How the engine trains with these settings. */
  TrainingConfig config() {
    return new TrainingConfig(
        epochs,
        batchSize,
        learningRate,
        Optimizer.fromName(optimizer),
        momentum,
        l2,
        validationSplit,
        shuffle,
        seed,
        standardize,
        patience == null ? null : new EarlyStopping(patience, minDelta));
  }

  /** The same settings without the inline data, for answers that should stay small. */
  public JobSettings withoutData() {
    return new JobSettings(
        dataset,
        null,
        epochs,
        batchSize,
        learningRate,
        optimizer,
        momentum,
        l2,
        validationSplit,
        shuffle,
        seed,
        standardize,
        patience,
        minDelta,
        fromVersion,
        threads);
  }

  /**
   * The threads to train with on a replica that allows {@code limit} ({@code
   * backprop.training.threads-per-job}): those asked for, but never more than the limit (a job
   * queued before it was lowered, or by a replica that allows more, does not take cores this one
   * keeps for other jobs); none asked for, the limit.
   */
  int threadsWithin(int limit) {
    return threads == null ? limit : Math.min(threads, limit);
  }

  /** A version number or {@code latest}; a blank reference means none. */
  private static String fromVersion(String reference) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    if (!reference.equals(NetworkService.LATEST) && !VERSION.matcher(reference).matches()) {
      throw invalid(
          "fromVersion",
          "must be a version number (1, 2, ...) or 'latest', was '" + reference + "'");
    }
    return reference;
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(InvalidFieldException.Subject.REQUEST, field, message);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
