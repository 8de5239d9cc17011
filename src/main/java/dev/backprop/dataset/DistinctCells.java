package dev.backprop.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct values of a {@link TextCells} column, found by comparing characters where they lie:
 * a String for each distinct value, none for each cell (a 400k row upload of three classes made
 * 800,000 Strings to find its classes, 38 MB of garbage). Each distinct value gets an id, in the
 * order of first appearance.
 */
final class DistinctCells {

  private final TextCells cells;

  /** Open addressing: the id of a distinct value plus one, or 0 for a free slot. */
  private int[] slots = new int[16];

  /** For each id, a cell that holds its value. */
  private int[] cellOfId = new int[8];

  private int count;

  DistinctCells(TextCells cells) {
    this.cells = cells;
  }

  /** The id of the value of cell {@code index}, a new one if its value was not seen before. */
  int id(int index) {
    int mask = slots.length - 1;
    int slot = hash(index) & mask;
    while (slots[slot] != 0) {
      int id = slots[slot] - 1;
      if (same(cellOfId[id], index)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    return add(index, slot);
  }

  /** How many distinct values were seen. */
  int size() {
    return count;
  }

  /** The distinct values, by id. */
  List<String> values() {
    List<String> values = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      values.add(cells.get(cellOfId[id]));
    }
    return values;
  }

  private int add(int index, int slot) {
    if (count == cellOfId.length) {
      cellOfId = Arrays.copyOf(cellOfId, count * 2);
    }
    cellOfId[count] = index;
    slots[slot] = ++count;
    if (count * 2 > slots.length) {
      rehash();
    }
    return count - 1;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int id = 0; id < count; id++) {
      int slot = hash(cellOfId[id]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id + 1;
    }
  }

  /** String's hash of the cell's characters, spread over the low bits. */
  private int hash(int index) {
    char[] chars = cells.chars();
    int h = 0;
    for (int i = cells.start(index); i < cells.end(index); i++) {
      h = 31 * h + chars[i];
    }
    return h ^ (h >>> 16);
  }

  private boolean same(int a, int b) {
    char[] chars = cells.chars();
    int from = cells.start(a);
    int length = cells.end(a) - from;
    int other = cells.start(b);
    if (cells.end(b) - other != length) {
      return false;
    }
    return Arrays.equals(chars, from, from + length, chars, other, other + length);
  }
}
