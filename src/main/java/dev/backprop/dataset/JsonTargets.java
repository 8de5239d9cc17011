package dev.backprop.dataset;

import static dev.backprop.dataset.DatasetParser.ROWS_LIMIT;
import static dev.backprop.dataset.DatasetParser.invalid;
import static dev.backprop.dataset.DatasetParser.tooMany;

import dev.backprop.web.LimitsProperties;
import tools.jackson.databind.JsonNode;

/**
 * A target column given as JSON values, checked and added one at a time: all numbers (numeric), all
 * strings (categorical, labels as given, trimmed), or all arrays of the same k numbers (numeric of
 * width k). The first value decides which.
 */
final class JsonTargets {

  private final String field;
  private final LimitsProperties limits;
  private TextCells labels;
  private CompactColumns.Builder numbers;
  private int width;
  private int size;

  /**
   * @param field the field's name in errors, e.g. {@code targets} or {@code data.targets}
   */
  JsonTargets(String field, LimitsProperties limits) {
    this.field = field;
    this.limits = limits;
  }

  void add(JsonNode value) {
    checkRoom();
    if (size == 0) {
      start(value);
    }
    String valueField = field + "[" + size + "]";
    if (labels != null) {
      addLabel(value, valueField);
    } else if (width == 0) {
      numbers.add(number(value, valueField, ", like " + field + "[0]"));
    } else {
      addVector(value, valueField);
    }
    size++;
  }

  /**
   * Whether a string value would be taken as a class label (the target is categorical so far, or
   * this is its first value): then {@link #addLabel(char[], int, int)} takes it.
   */
  boolean takesLabels() {
    return size == 0 || labels != null;
  }

  /**
   * Adds a string value, a class label, from the characters that hold it (a JSON parser's buffer),
   * as {@link #add} adds it from a node, but with no String of its own.
   */
  void addLabel(char[] chars, int offset, int length) {
    checkRoom();
    if (!takesLabels()) {
      throw new IllegalStateException("the targets are not class labels");
    }
    int from = offset;
    int to = offset + length;
    while (from < to && chars[from] <= ' ') { // what String.trim drops
      from++;
    }
    while (to > from && chars[to - 1] <= ' ') {
      to--;
    }
    if (from == to) {
      throw invalid(field + "[" + size + "]", "must not be blank");
    }
    if (labels == null) {
      labels = new TextCells();
    }
    labels.add(chars, from, to);
    size++;
  }

  /** A value past the row limit is refused before it is looked at. */
  private void checkRoom() {
    if (size == limits.maxDatasetRows()) {
      throw tooMany(field, limits.maxDatasetRows(), ROWS_LIMIT);
    }
  }

  /** The first value decides the kind of target and, for arrays, its width. */
  private void start(JsonNode first) {
    if (first != null && first.isString()) {
      labels = new TextCells();
    } else if (first != null && first.isNumber()) {
      numbers = new CompactColumns.Builder(1);
    } else if (first != null && first.isArray()) {
      width = first.size();
      if (width == 0) {
        throw invalid(field + "[0]", "must hold at least one number");
      }
      if (width > limits.maxDatasetColumns()) {
        throw invalid(
            field + "[0]",
            "has " + width + " values, more than backprop.limits.max-dataset-columns");
      }
      numbers = new CompactColumns.Builder(width);
    } else {
      throw invalid(
          field + "[0]", "must be a number, a string (a class label) or an array of numbers");
    }
  }

  private void addLabel(JsonNode value, String valueField) {
    if (value == null || !value.isString()) {
      throw invalid(valueField, "must be a string, like " + field + "[0]");
    }
    String label = value.stringValue().trim();
    if (label.isEmpty()) {
      throw invalid(valueField, "must not be blank");
    }
    labels.add(label);
  }

  private void addVector(JsonNode value, String valueField) {
    if (value == null || !value.isArray()) {
      throw invalid(valueField, "must be an array of numbers, like " + field + "[0]");
    }
    if (value.size() != width) {
      throw invalid(
          valueField, "has " + value.size() + " values, but " + field + "[0] has " + width);
    }
    for (int j = 0; j < width; j++) {
      numbers.add(number(value.get(j), valueField + "[" + j + "]", ""));
    }
  }

  private static float number(JsonNode value, String field, String hint) {
    if (value == null || !value.isNumber()) {
      throw invalid(field, "must be a number" + hint);
    }
    double number = value.doubleValue();
    String problem = Numbers.problem(number);
    if (problem != null) {
      throw invalid(field, problem);
    }
    return (float) number;
  }

  int size() {
    return size;
  }

  /** The column; there must be at least one value. */
  TargetColumn build() {
    if (size == 0) {
      throw invalid(field, "must hold one target per row");
    }
    return labels != null
        ? TargetColumn.categorical(labels)
        : TargetColumn.numeric(Math.max(1, width), numbers.build());
  }
}
