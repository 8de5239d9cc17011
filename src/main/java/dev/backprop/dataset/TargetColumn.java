package dev.backprop.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A validated target column: its kind, its classes (if categorical), its width, and its values (a
 * categorical value held as the index of its class, which a narrow encoding holds in a byte or
 * two).
 */
record TargetColumn(TargetKind kind, List<String> classes, int width, CompactColumns values) {

  /**
   * From CSV cells (trimmed, not empty): categorical if and only if any value is not a number.
   *
   * @param fieldOfRow the field name of the value at a 0-based index, for errors
   */
  static TargetColumn fromText(TextCells cells, IntFunction<String> fieldOfRow) {
    char[] chars = cells.chars();
    for (int i = 0; i < cells.size(); i++) {
      if (!Numbers.isNumber(chars, cells.start(i), cells.end(i))) {
        return categorical(cells);
      }
    }
    CompactColumns.Builder values = new CompactColumns.Builder(1);
    for (int i = 0; i < cells.size(); i++) {
      float value = Numbers.valueOrNaN(chars, cells.start(i), cells.end(i));
      if (Float.isNaN(value)) {
        throw DatasetParser.invalid(fieldOfRow.apply(i), Numbers.problem(cells.get(i)));
      }
      values.add(value);
    }
    return numeric(1, values.build());
  }

  static TargetColumn numeric(int width, CompactColumns values) {
    return new TargetColumn(TargetKind.NUMERIC, null, width, values);
  }

  /**
   * Class labels: the classes are the distinct labels, sorted; each value is a class index. The
   * labels are compared where they lie ({@link DistinctCells}): a String per class, not per row.
   */
  static TargetColumn categorical(TextCells labels) {
    DistinctCells distinct = new DistinctCells(labels);
    // Each label is looked up once: its id is kept until the classes are sorted.
    int[] ids = new int[labels.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = distinct.id(i);
    }
    List<String> seen = distinct.values();
    List<String> classes = new ArrayList<>(seen);
    Collections.sort(classes);
    int[] classOfId = new int[seen.size()];
    for (int id = 0; id < seen.size(); id++) {
      classOfId[id] = Collections.binarySearch(classes, seen.get(id));
    }
    CompactColumns.Builder values = new CompactColumns.Builder(1);
    for (int id : ids) {
      values.add(classOfId[id]);
    }
    return new TargetColumn(TargetKind.CATEGORICAL, classes, 1, values.build());
  }
}
