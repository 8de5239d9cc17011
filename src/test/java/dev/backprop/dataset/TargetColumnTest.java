package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A categorical target's classes are its distinct labels, sorted as Strings, and each row holds its
 * label's class; the labels are told apart by their characters, not their hashes.
 */
class TargetColumnTest {

  @Test
  void classesAreTheDistinctLabelsSortedAndEachRowHoldsItsClass() {
    TargetColumn column = TargetColumn.categorical(cells("b", "a", "é", "b", "B", "a", "ab"));

    assertThat(column.classes()).containsExactly("B", "a", "ab", "b", "é");
    assertThat(values(column)).containsExactly(3, 1, 4, 3, 0, 1, 2);
  }

  @Test
  void labelsOfTheSameHashAreDifferentClasses() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

    TargetColumn column = TargetColumn.categorical(cells("Aa", "BB", "BB", "Aa", "AaBB", "BBAa"));

    assertThat(column.classes()).containsExactly("Aa", "AaBB", "BB", "BBAa");
    assertThat(values(column)).containsExactly(0, 2, 2, 0, 1, 3);
  }

  @Test
  void manyClassesAreWhatSortingTheLabelsGives() {
    Random random = new Random(5);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      labels.add("class-" + random.nextInt(3_000));
    }

    TargetColumn column = TargetColumn.categorical(cells(labels.toArray(String[]::new)));

    List<String> sorted = new ArrayList<>(new TreeSet<>(labels));
    assertThat(column.classes()).isEqualTo(sorted);
    List<Integer> expected = labels.stream().map(sorted::indexOf).toList();
    assertThat(values(column)).isEqualTo(expected);
  }

  private static TextCells cells(String... labels) {
    TextCells cells = new TextCells();
    for (String label : labels) {
      cells.add(label);
    }
    return cells;
  }

  private static List<Integer> values(TargetColumn column) {
    List<Integer> values = new ArrayList<>();
    for (int r = 0; r < column.values().rows(); r++) {
      values.add((int) column.values().get(r, 0));
    }
    return values;
  }
}
