package dev.backprop.dataset;

import static dev.backprop.dataset.DatasetParser.COLUMNS_LIMIT;
import static dev.backprop.dataset.DatasetParser.ROWS_LIMIT;
import static dev.backprop.dataset.DatasetParser.invalid;
import static dev.backprop.dataset.DatasetParser.tooMany;

import dev.backprop.web.LimitsProperties;
import java.util.List;

/**
 * Feature rows given as JSON arrays, checked and added to {@link CompactColumns} one at a time, so
 * that a JSON upload is never held as a whole: the first row sets the width, every row must have
 * it, and every value must be a number {@link Numbers} accepts.
 */
final class FeatureRows {

  private final String field;
  private final LimitsProperties limits;
  private CompactColumns.Builder columns;
  private int width;
  private int rows;

  /**
   * @param field the field's name in errors, e.g. {@code features} or {@code data.features}
   */
  FeatureRows(String field, LimitsProperties limits) {
    this.field = field;
    this.limits = limits;
  }

  void add(List<Double> row) {
    String rowField = field + "[" + rows + "]";
    if (rows == limits.maxDatasetRows()) {
      throw tooMany(field, limits.maxDatasetRows(), ROWS_LIMIT);
    }
    if (columns == null) {
      start(row, rowField);
    }
    if (row == null) {
      throw invalid(rowField, "must be an array of numbers");
    }
    if (row.size() != width) {
      throw invalid(rowField, "has " + row.size() + " values, but " + field + "[0] has " + width);
    }
    for (int j = 0; j < width; j++) {
      Double value = row.get(j);
      String problem = value == null ? "must be a number" : Numbers.problem(value);
      if (problem != null) {
        throw invalid(rowField + "[" + j + "]", problem);
      }
      columns.add(value.floatValue());
    }
    rows++;
  }

  /** The first row sets the width, which the column limit bounds. */
  private void start(List<Double> first, String rowField) {
    if (first == null || first.isEmpty()) {
      throw invalid(rowField, "must be an array of at least one number");
    }
    if (first.size() > limits.maxDatasetColumns()) {
      throw tooMany(rowField, limits.maxDatasetColumns(), COLUMNS_LIMIT);
    }
    width = first.size();
    columns = new CompactColumns.Builder(width);
  }

  int rows() {
    return rows;
  }

  int width() {
    return width;
  }

  /** The rows added; there must be at least one. */
  CompactColumns build() {
    if (rows == 0) {
      throw invalid(field, "must hold at least one row");
    }
    return columns.build();
  }
}
