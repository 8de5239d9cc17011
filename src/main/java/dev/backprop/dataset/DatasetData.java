package dev.backprop.dataset;

import java.util.Objects;

/**
 * A data set's values, ready for training, in the compact form they are held in (see {@link
 * CompactColumns}): training reads its rows from there, without another copy.
 *
 * @param info the description (name and createdAt are null for inline training data)
 * @param features {@code rows x columns} feature values
 * @param targets {@code rows x targetWidth} target values; for a categorical target a single column
 *     holding the index of the row's class in {@code info.classes()}
 */
public record DatasetData(DatasetInfo info, CompactColumns features, CompactColumns targets) {

  public DatasetData {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(targets, "targets");
    if (features.rows() != info.rows() || targets.rows() != info.rows()) {
      throw new IllegalArgumentException(
          "expected "
              + info.rows()
              + " rows, got "
              + features.rows()
              + " feature rows and "
              + targets.rows()
              + " target rows");
    }
    if (features.width() != info.columns() || targets.width() != info.targetWidth()) {
      throw new IllegalArgumentException(
          "expected rows of "
              + info.columns()
              + " features and "
              + info.targetWidth()
              + " targets, got "
              + features.width()
              + " and "
              + targets.width());
    }
  }

  /** How many examples there are. */
  public int rows() {
    return info.rows();
  }
}
