package dev.backprop.dataset;

import dev.backprop.engine.RowSource;
import java.util.Objects;

/**
 * A data set's values, ready for training: the features as a {@link RowSource} training copies its
 * rows from (a stored data set's are read from the database block by block as training reads them,
 * {@link StoredRows}; inline data's are held in memory), the targets, a column or a few, held in
 * the compact form they are stored in (see {@link CompactColumns}).
 *
 * @param info the description (name and createdAt are null for inline training data)
 * @param features {@code rows x columns} feature values
 * @param targets {@code rows x targetWidth} target values; for a categorical target a single column
 *     holding the index of the row's class in {@code info.classes()}
 */
public record DatasetData(DatasetInfo info, RowSource features, CompactColumns targets) {

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
