package dev.backprop.dataset;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.web.BoundedBody;
import dev.backprop.web.LimitsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns CSV uploads into validated {@link ParsedDataset}s, or into a 400/413 problem that names the
 * offending row, column or limit; {@link DatasetArrays} does the same for data given as JSON
 * arrays, with the same problems.
 *
 * <p>Rules: every feature value is a finite number that fits a float32; a target column is
 * categorical if and only if at least one of its values is not a number (see {@link Numbers}), and
 * its classes are its distinct values in lexicographic order; otherwise it is numeric.
 */
final class DatasetParser {

  static final String ROWS_LIMIT = "backprop.limits.max-dataset-rows";
  static final String COLUMNS_LIMIT = "backprop.limits.max-dataset-columns";

  private DatasetParser() {}

  // ---------------------------------------------------------------- CSV

  /**
   * Parses a CSV upload (a header row, then one row per example) while it streams in, into the
   * compact form it is stored in: the text is never held whole, and the features are encoded block
   * by block as they arrive (see {@link CompactColumns}).
   *
   * @param body the raw upload; read once, never buffered whole
   * @param target the target column's name, or null for the last column
   */
  static ParsedDataset parseCsv(InputStream body, String target, LimitsProperties limits) {
    return parseCsv(body, target, limits, null);
  }

  /**
   * As above, handing each block of features to {@code sink} as soon as it is complete (which
   * stores it), so that the features are never held whole; the data set then holds their shape.
   *
   * @param sink takes the feature blocks in order, each done with when it returns (the next may
   *     reuse its bytes); null to keep them
   */
  static ParsedDataset parseCsv(
      InputStream body, String target, LimitsProperties limits, Consumer<Block> sink) {
    BoundedBody bounded = UploadSize.bounded(body, limits);
    try {
      return readCsv(bounded.stream(), target, limits, sink);
    } catch (DomainException ex) {
      throw bounded.exceeded() ? UploadSize.tooLarge(limits.maxDatasetSize()) : ex;
    } catch (IOException | UncheckedIOException | IllegalStateException ex) {
      if (bounded.exceeded()) {
        throw UploadSize.tooLarge(limits.maxDatasetSize());
      }
      throw invalid("body", "is not valid CSV: " + ex.getMessage());
    }
  }

  private static ParsedDataset readCsv(
      InputStream body, String target, LimitsProperties limits, Consumer<Block> sink)
      throws IOException {
    CsvReader csv = new CsvReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    if (!csv.next()) {
      throw invalid("body", "is empty; expected a header row, then one row per example");
    }
    List<String> header = header(csv, limits);
    int targetIndex = targetIndex(header, target);
    List<String> featureNames = new ArrayList<>(header);
    featureNames.remove(targetIndex);

    CompactColumns.Builder features = new CompactColumns.Builder(featureNames.size(), sink);
    TextCells targets = new TextCells();
    int row = 0;
    while (csv.next()) {
      if (csv.size() == 1 && csv.start(0) == csv.end(0)) {
        continue; // a line of blanks
      }
      row++;
      if (row > limits.maxDatasetRows()) {
        throw tooMany("rows", limits.maxDatasetRows(), ROWS_LIMIT);
      }
      readRow(csv, row, header, targetIndex, features, targets);
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
        features.finish(),
        column.values());
  }

  /**
   * Adds one data row's cells: its target to {@code targets}, its features (each a number {@link
   * Numbers} accepts, read where it lies in the record) to {@code features}; the row must have as
   * many cells as the header.
   */
  private static void readRow(
      CsvReader record,
      int row,
      List<String> header,
      int targetIndex,
      CompactColumns.Builder features,
      TextCells targets) {
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
    char[] chars = record.chars();
    for (int column = 0; column < header.size(); column++) {
      int start = record.start(column);
      int end = record.end(column);
      if (column == targetIndex) {
        if (start == end) {
          throw invalid(cellName(row, header.get(column)), "is empty; every row needs a target");
        }
        targets.add(chars, start, end);
      } else {
        float value = Numbers.valueOrNaN(chars, start, end);
        if (Float.isNaN(value)) {
          throw invalid(cellName(row, header.get(column)), Numbers.problem(record.cell(column)));
        }
        features.add(value);
      }
    }
  }

  private static List<String> header(CsvReader record, LimitsProperties limits) {
    List<String> names = new ArrayList<>(record.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.cell(i);
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

  // ---------------------------------------------------------------- problems

  static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.DATASET, field, message);
  }

  static LimitExceededException tooMany(String field, int limit, String property) {
    return new LimitExceededException(
        Limit.VALUE,
        field,
        "The data set has more than " + limit + " " + what(property) + ", the limit " + property);
  }

  private static String what(String property) {
    return property.equals(ROWS_LIMIT) ? "rows" : "feature columns";
  }
}
