package dev.backprop.engine;

/**
 * Training rows: features and targets already encoded as vectors of the output width (one-hot for
 * softmax classifiers). Rectangular, with equal row counts and finite values.
 */
public record TrainingData(float[][] features, float[][] targets) {
  public TrainingData {
    check(features, "features");
    check(targets, "targets");
    if (features.length != targets.length) {
      throw new IllegalArgumentException(
          features.length + " feature rows but " + targets.length + " target rows");
    }
  }

  private static void check(float[][] rows, String what) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException(what + " must have at least one row");
    }
    if (rows[0] == null || rows[0].length == 0) {
      throw new IllegalArgumentException(what + " rows must not be empty");
    }
    int width = rows[0].length;
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null || rows[r].length != width) {
        throw new IllegalArgumentException(
            what + " row " + r + " must have " + width + " values like row 0");
      }
      for (float v : rows[r]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(what + " row " + r + " has a non-finite value " + v);
        }
      }
    }
  }

  public int rows() {
    return features.length;
  }
}
