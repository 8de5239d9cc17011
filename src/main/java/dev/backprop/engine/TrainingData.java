package dev.backprop.engine;

/**
 * Training rows: features and targets already encoded as vectors of the output width (one-hot for
 * softmax classifiers), with equal row counts and finite values. The rows are read once, when
 * training starts ({@code TrainingSplit}); a source that does not hold finite values is refused
 * then.
 */
public record TrainingData(RowSource features, RowSource targets) {

  public TrainingData {
    if (features == null || targets == null) {
      throw new IllegalArgumentException("features and targets are required");
    }
    if (features.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          features.rows() + " feature rows but " + targets.rows() + " target rows");
    }
  }

  /** Rows held as arrays, checked at once (rectangular, finite); not copied. */
  public TrainingData(float[][] features, float[][] targets) {
    this(new ArrayRows(features, "features"), new ArrayRows(targets, "targets"));
  }

  public int rows() {
    return features.rows();
  }
}
