package dev.backprop.training;

import dev.backprop.training.TrainingJobRequest.InlineData;

/**
 * A job's request with every default filled in, as stored with the job: what it will run with.
 *
 * @param dataset the data set's name, or null with inline data
 * @param data inline data, or null with a data set
 * @param fromVersion the version to continue from ({@code latest} resolved when the job starts), or
 *     null for fresh weights
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
    String fromVersion) {

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
        fromVersion);
  }
}
