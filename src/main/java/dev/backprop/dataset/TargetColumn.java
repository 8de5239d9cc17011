package dev.backprop.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * A validated target column: its kind, its classes (if categorical), its width, and its values as a
 * float32 blob (a categorical value stored as the index of its class).
 */
record TargetColumn(TargetKind kind, List<String> classes, int width, byte[] blob) {

  /**
   * From CSV cells (trimmed, not empty): categorical if and only if any value is not a number.
   *
   * @param fieldOfRow the field name of the value at a 0-based index, for errors
   */
  static TargetColumn fromText(List<String> values, IntFunction<String> fieldOfRow) {
    boolean numeric = values.stream().allMatch(Numbers::isNumber);
    if (!numeric) {
      return categorical(values);
    }
    Float32.Builder blob = new Float32.Builder();
    for (int i = 0; i < values.size(); i++) {
      String problem = Numbers.problem(values.get(i));
      if (problem != null) {
        throw DatasetParser.invalid(fieldOfRow.apply(i), problem);
      }
      blob.add(Numbers.parse(values.get(i)));
    }
    return new TargetColumn(TargetKind.NUMERIC, null, 1, blob.toByteArray());
  }

  /**
   * From JSON values: all numbers (numeric), all strings (categorical, labels as given), or all
   * arrays of the same k numbers (numeric of width k).
   */
  static TargetColumn fromJson(List<JsonNode> values, String field, int maxWidth) {
    if (values.isEmpty()) {
      throw DatasetParser.invalid(field, "must hold one target per row");
    }
    JsonNode first = values.get(0);
    if (first != null && first.isString()) {
      List<String> labels = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        JsonNode value = values.get(i);
        if (value == null || !value.isString()) {
          throw DatasetParser.invalid(
              field + "[" + i + "]", "must be a string, like " + field + "[0]");
        }
        String label = value.stringValue().trim();
        if (label.isEmpty()) {
          throw DatasetParser.invalid(field + "[" + i + "]", "must not be blank");
        }
        labels.add(label);
      }
      return categorical(labels);
    }
    if (first != null && first.isNumber()) {
      Float32.Builder blob = new Float32.Builder();
      for (int i = 0; i < values.size(); i++) {
        blob.add(number(values.get(i), field + "[" + i + "]", ", like " + field + "[0]"));
      }
      return new TargetColumn(TargetKind.NUMERIC, null, 1, blob.toByteArray());
    }
    if (first != null && first.isArray()) {
      int width = first.size();
      if (width == 0) {
        throw DatasetParser.invalid(field + "[0]", "must hold at least one number");
      }
      if (width > maxWidth) {
        throw DatasetParser.invalid(
            field + "[0]",
            "has " + width + " values, more than backprop.limits.max-dataset-columns");
      }
      Float32.Builder blob = new Float32.Builder();
      for (int i = 0; i < values.size(); i++) {
        JsonNode value = values.get(i);
        String rowField = field + "[" + i + "]";
        if (value == null || !value.isArray()) {
          throw DatasetParser.invalid(
              rowField, "must be an array of numbers, like " + field + "[0]");
        }
        if (value.size() != width) {
          throw DatasetParser.invalid(
              rowField, "has " + value.size() + " values, but " + field + "[0] has " + width);
        }
        for (int j = 0; j < width; j++) {
          blob.add(number(value.get(j), rowField + "[" + j + "]", ""));
        }
      }
      return new TargetColumn(TargetKind.NUMERIC, null, width, blob.toByteArray());
    }
    throw DatasetParser.invalid(
        field + "[0]", "must be a number, a string (a class label) or an array of numbers");
  }

  private static float number(JsonNode value, String field, String hint) {
    if (value == null || !value.isNumber()) {
      throw DatasetParser.invalid(field, "must be a number" + hint);
    }
    double number = value.doubleValue();
    String problem = Numbers.problem(number);
    if (problem != null) {
      throw DatasetParser.invalid(field, problem);
    }
    return (float) number;
  }

  private static TargetColumn categorical(List<String> values) {
    List<String> classes = new ArrayList<>(new TreeSet<>(values));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    Float32.Builder blob = new Float32.Builder();
    for (String value : values) {
      blob.add(index.get(value));
    }
    return new TargetColumn(TargetKind.CATEGORICAL, classes, 1, blob.toByteArray());
  }
}
