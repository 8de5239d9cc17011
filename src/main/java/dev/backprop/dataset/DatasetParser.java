package dev.backprop.dataset;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.web.LimitsProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * Turns uploads (CSV or JSON) and inline training data into validated {@link ParsedDataset}s, or
 * into a 400/413 problem that names the offending row, column or limit.
 *
 * <p>Rules: every feature value is a finite number that fits a float32; a target column is
 * categorical if and only if at least one of its values is not a number (see {@link Numbers}), and
 * its classes are its distinct values in lexicographic order; otherwise it is numeric.
 */
final class DatasetParser {

  static final String ROWS_LIMIT = "backprop.limits.max-dataset-rows";
  static final String COLUMNS_LIMIT = "backprop.limits.max-dataset-columns";

  private static final CSVFormat CSV =
      CSVFormat.RFC4180
          .builder()
          .setIgnoreEmptyLines(true)
          .setIgnoreSurroundingSpaces(true)
          .setTrim(true)
          .get();

  private DatasetParser() {}

  // ---------------------------------------------------------------- CSV

  /**
   * Parses a CSV upload (a header row, then one row per example) while it streams in.
   *
   * @param body the raw upload; read once, never buffered whole
   * @param target the target column's name, or null for the last column
   */
  static ParsedDataset parseCsv(InputStream body, String target, LimitsProperties limits) {
    LimitedInputStream counted = new LimitedInputStream(body, limits.maxDatasetSize());
    try {
      return parseCsv(counted, target, limits);
    } catch (DomainException ex) {
      throw counted.exceeded() ? LimitedInputStream.tooLarge(limits.maxDatasetSize()) : ex;
    } catch (IOException | UncheckedIOException | IllegalStateException ex) {
      if (counted.exceeded()) {
        throw LimitedInputStream.tooLarge(limits.maxDatasetSize());
      }
      throw invalid("body", "is not valid CSV: " + ex.getMessage());
    }
  }

  private static ParsedDataset parseCsv(
      LimitedInputStream body, String target, LimitsProperties limits) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
    try (CSVParser parser = CSVParser.parse(reader, CSV)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw invalid("body", "is empty; expected a header row, then one row per example");
      }
      List<String> header = header(records.next(), limits);
      int targetIndex = targetIndex(header, target);
      List<String> featureNames = new ArrayList<>(header);
      featureNames.remove(targetIndex);

      Float32.Builder features = new Float32.Builder();
      List<String> targets = new ArrayList<>();
      int row = 0;
      while (records.hasNext()) {
        CSVRecord record = records.next();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a line of blanks
        }
        row++;
        if (row > limits.maxDatasetRows()) {
          throw tooMany("rows", limits.maxDatasetRows(), ROWS_LIMIT);
        }
        if (record.size() != header.size()) {
          throw invalid(
              "row " + row,
              "has "
                  + record.size()
                  + (record.size() == 1 ? " cell" : " cells")
                  + ", but the header has "
                  + header.size()
                  + " columns");
        }
        for (int column = 0; column < header.size(); column++) {
          String cell = record.get(column);
          if (column == targetIndex) {
            if (cell.isEmpty()) {
              throw invalid(
                  cellName(row, header.get(column)), "is empty; every row needs a target");
            }
            targets.add(cell);
          } else {
            String problem = Numbers.problem(cell);
            if (problem != null) {
              throw invalid(cellName(row, header.get(column)), problem);
            }
            features.add(Numbers.parse(cell));
          }
        }
      }
      if (row == 0) {
        throw invalid("body", "has a header row but no data rows");
      }
      TargetColumn column =
          TargetColumn.fromText(targets, i -> cellName(i + 1, header.get(targetIndex)));
      return new ParsedDataset(
          featureNames,
          header.get(targetIndex),
          column.kind(),
          column.classes(),
          column.width(),
          row,
          features.toByteArray(),
          column.blob());
    }
  }

  private static List<String> header(CSVRecord record, LimitsProperties limits) {
    List<String> names = new ArrayList<>(record.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i);
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1).trim(); // the byte order mark some spreadsheets write
      }
      if (name.isEmpty()) {
        throw invalid("header", "column " + (i + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw invalid("header", "the column name '" + name + "' appears more than once");
      }
      names.add(name);
    }
    if (names.size() < 2) {
      throw invalid(
          "header",
          "needs at least two columns (features, then the target), found " + names.size());
    }
    if (names.size() - 1 > limits.maxDatasetColumns()) {
      throw tooMany("columns", limits.maxDatasetColumns(), COLUMNS_LIMIT);
    }
    return names;
  }

  private static int targetIndex(List<String> header, String target) {
    if (target == null || target.isBlank()) {
      return header.size() - 1;
    }
    int index = header.indexOf(target.trim());
    if (index < 0) {
      throw invalid(
          "target",
          "the header has no column '"
              + Numbers.abbreviate(target)
              + "' (columns: "
              + String.join(", ", header)
              + ")");
    }
    return index;
  }

  static String cellName(int row, String column) {
    return "row " + row + ", column '" + column + "'";
  }

  // ---------------------------------------------------------------- JSON and inline data

  /**
   * Validates data given as JSON arrays (a JSON upload, or inline training data).
   *
   * @param prefix prepended to field names in errors, e.g. {@code data.} for inline training data
   * @param featureNames the column names, or null for {@code x0, x1, ...}
   * @param target the target's name, or null for {@code y}
   */
  static ParsedDataset parseJson(
      List<List<Double>> features,
      List<JsonNode> targets,
      List<String> featureNames,
      String target,
      String prefix,
      LimitsProperties limits) {
    String featuresField = prefix + "features";
    String targetsField = prefix + "targets";
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
    List<String> names = columnNames(featureNames, width, prefix);
    String targetName = target == null ? "y" : target.trim();
    if (targetName.isEmpty()) {
      throw invalid(prefix + "target", "must not be blank");
    }
    if (names.contains(targetName)) {
      throw invalid(prefix + "target", "'" + targetName + "' is also the name of a feature");
    }
    if (targets.size() != features.size()) {
      throw invalid(
          targetsField,
          "has " + targets.size() + " values for " + features.size() + " rows of features");
    }

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

  // ---------------------------------------------------------------- problems

  static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.DATASET, field, message);
  }

  private static LimitExceededException tooMany(String field, int limit, String property) {
    return new LimitExceededException(
        Limit.VALUE,
        field,
        "The data set has more than " + limit + " " + what(property) + ", the limit " + property);
  }

  private static String what(String property) {
    return property.equals(ROWS_LIMIT) ? "rows" : "feature columns";
  }
}
