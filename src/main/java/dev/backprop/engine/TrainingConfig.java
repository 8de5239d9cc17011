package dev.backprop.engine;

/** How to train: see docs/api.md for the meaning of each field. earlyStopping may be null. */
public record TrainingConfig(
    int epochs,
    int batchSize,
    double learningRate,
    Optimizer optimizer,
    double momentum,
    double l2,
    double validationSplit,
    boolean shuffle,
    long seed,
    boolean standardize,
    EarlyStopping earlyStopping) {

  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be positive and finite, was " + learningRate);
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer is missing");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be finite and >= 0, was " + l2);
    }
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new IllegalArgumentException(
          "validationSplit must be in [0, 1), was " + validationSplit);
    }
  }
}
