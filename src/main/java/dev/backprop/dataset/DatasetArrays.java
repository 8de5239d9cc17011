package dev.backprop.dataset;

import static dev.backprop.dataset.DatasetParser.COLUMNS_LIMIT;
import static dev.backprop.dataset.DatasetParser.ROWS_LIMIT;
import static dev.backprop.dataset.DatasetParser.invalid;
import static dev.backprop.dataset.DatasetParser.tooMany;

import dev.backprop.web.LimitsProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns data given as JSON arrays (a JSON upload, or inline training data) into a validated {@link
 * ParsedDataset}, under the rules and with the problems of {@link DatasetParser}.
 */
final class DatasetArrays {

  private DatasetArrays() {}

  /**
   * Validates data given as JSON arrays (a JSON upload, or inline training data).
   *
   * @param prefix prepended to field names in errors, e.g. {@code data.} for inline training data
   * @param featureNames the column names, or null for {@code x0, x1, ...}
   * @param target the target's name, or null for {@code y}
   */
  static ParsedDataset parse(
      List<List<Double>> features,
      List<JsonNode> targets,
      List<String> featureNames,
      String target,
      String prefix,
      LimitsProperties limits) {
    String featuresField = prefix + "features";
    String targetsField = prefix + "targets";
    int width = width(features, targets, featuresField, targetsField, limits);
    List<String> names = columnNames(featureNames, width, prefix);
    String targetName = targetName(target, names, prefix);
    if (targets.size() != features.size()) {
      throw invalid(
          targetsField,
          "has " + targets.size() + " values for " + features.size() + " rows of features");
    }
    float[][] rows = rows(features, width, featuresField);
    TargetColumn column = TargetColumn.fromJson(targets, targetsField, limits.maxDatasetColumns());
    return new ParsedDataset(
        names,
        targetName,
        column.kind(),
        column.classes(),
        column.width(),
        rows.length,
        Float32.encode(rows, width),
        column.blob());
  }

  /**
   * The number of feature columns, from the first row, after checking that there are rows and
   * targets at all and that neither the rows nor the columns exceed the limits.
   */
  private static int width(
      List<List<Double>> features,
      List<JsonNode> targets,
      String featuresField,
      String targetsField,
      LimitsProperties limits) {
    if (features == null || features.isEmpty()) {
      throw invalid(featuresField, "must hold at least one row");
    }
    if (targets == null) {
      throw invalid(targetsField, "must hold one target per row");
    }
    if (features.size() > limits.maxDatasetRows()) {
      throw tooMany(featuresField, limits.maxDatasetRows(), ROWS_LIMIT);
    }
    List<Double> first = features.get(0);
    if (first == null || first.isEmpty()) {
      throw invalid(featuresField + "[0]", "must be an array of at least one number");
    }
    int width = first.size();
    if (width > limits.maxDatasetColumns()) {
      throw tooMany(featuresField + "[0]", limits.maxDatasetColumns(), COLUMNS_LIMIT);
    }
    return width;
  }

  /** The target column's name ({@code y} when none is given), which no feature may share. */
  private static String targetName(String target, List<String> names, String prefix) {
    String targetName = target == null ? "y" : target.trim();
    if (targetName.isEmpty()) {
      throw invalid(prefix + "target", "must not be blank");
    }
    if (names.contains(targetName)) {
      throw invalid(prefix + "target", "'" + targetName + "' is also the name of a feature");
    }
    return targetName;
  }

  /**
   * The feature rows as floats; every row must hold {@code width} numbers {@link Numbers} accepts.
   */
  private static float[][] rows(List<List<Double>> features, int width, String featuresField) {
    float[][] rows = new float[features.size()][];
    for (int i = 0; i < rows.length; i++) {
      List<Double> row = features.get(i);
      String rowField = featuresField + "[" + i + "]";
      if (row == null) {
        throw invalid(rowField, "must be an array of numbers");
      }
      if (row.size() != width) {
        throw invalid(
            rowField, "has " + row.size() + " values, but " + featuresField + "[0] has " + width);
      }
      float[] values = new float[width];
      for (int j = 0; j < width; j++) {
        Double value = row.get(j);
        String problem = value == null ? "must be a number" : Numbers.problem(value);
        if (problem != null) {
          throw invalid(rowField + "[" + j + "]", problem);
        }
        values[j] = value.floatValue();
      }
      rows[i] = values;
    }
    return rows;
  }

  private static List<String> columnNames(List<String> given, int width, String prefix) {
    if (given == null) {
      List<String> names = new ArrayList<>(width);
      for (int j = 0; j < width; j++) {
        names.add("x" + j);
      }
      return names;
    }
    String field = prefix + "featureNames";
    if (given.size() != width) {
      throw invalid(field, "has " + given.size() + " names for " + width + " feature columns");
    }
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      String name = given.get(j) == null ? "" : given.get(j).trim();
      if (name.isEmpty()) {
        throw invalid(field + "[" + j + "]", "must not be blank");
      }
      if (!seen.add(name)) {
        throw invalid(field + "[" + j + "]", "'" + name + "' appears more than once");
      }
      names.add(name);
    }
    return names;
  }
}
