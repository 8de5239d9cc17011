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
 * Turns data given as JSON arrays (a JSON upload as it streams in, or inline training data) into a
 * validated {@link ParsedDataset}, under the rules and with the problems of {@link DatasetParser}:
 * {@link FeatureRows} and {@link JsonTargets} check the values one by one, this class the rest.
 */
final class DatasetArrays {

  private DatasetArrays() {}

  /**
   * Validates data given as JSON arrays (inline training data, already in memory).
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
    checkSizes(features, targets, prefix + "features", prefix + "targets", limits);
    FeatureRows rows = new FeatureRows(prefix + "features", limits);
    features.forEach(rows::add);
    JsonTargets column = new JsonTargets(prefix + "targets", limits);
    targets.forEach(column::add);
    return finish(rows, column, featureNames, target, prefix);
  }

  /**
   * The data set of rows and targets read so far (a JSON upload as it streamed in, or inline data),
   * once its names and the number of its targets are checked.
   */
  static ParsedDataset finish(
      FeatureRows features,
      JsonTargets targets,
      List<String> featureNames,
      String target,
      String prefix) {
    CompactColumns values = features.build();
    List<String> names = columnNames(featureNames, features.width(), prefix);
    String targetName = targetName(target, names, prefix);
    if (targets.size() != features.rows()) {
      throw invalid(
          prefix + "targets",
          "has " + targets.size() + " values for " + features.rows() + " rows of features");
    }
    TargetColumn column = targets.build();
    return new ParsedDataset(
        names,
        targetName,
        column.kind(),
        column.classes(),
        column.width(),
        features.rows(),
        values,
        column.values());
  }

  /**
   * Checks what the sizes of in-memory arrays tell at once: that there are rows and targets at all
   * and that neither the rows nor the first row's columns exceed the limits.
   */
  private static void checkSizes(
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
