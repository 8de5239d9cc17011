package dev.backprop.dataset;

import java.util.Objects;

/**
 * A data set's values, ready for training: one row per example.
 *
 * <p>The arrays are not copied (a data set may be large): callers must treat them as read-only.
 *
 * @param info the description (name and createdAt are null for inline training data)
 * @param features {@code rows x columns} feature values
 * @param targets {@code rows x targetWidth} target values; for a categorical target a single column
 *     holding the index of the row's class in {@code info.classes()}
 */
public record DatasetData(DatasetInfo info, float[][] features, float[][] targets) {

  public DatasetData {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(targets, "targets");
    if (features.length != info.rows() || targets.length != info.rows()) {
      throw new IllegalArgumentException(
          "expected "
              + info.rows()
              + " rows, got "
              + features.length
              + " feature rows and "
              + targets.length
              + " target rows");
    }
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != info.columns()) {
        throw new IllegalArgumentException(
            "feature row " + i + " has " + features[i].length + " values, not " + info.columns());
      }
      if (targets[i].length != info.targetWidth()) {
        throw new IllegalArgumentException(
            "target row " + i + " has " + targets[i].length + " values, not " + info.targetWidth());
      }
    }
  }

  /** How many examples there are. */
  public int rows() {
    return info.rows();
  }
}
