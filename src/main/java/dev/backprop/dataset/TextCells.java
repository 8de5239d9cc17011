package dev.backprop.dataset;

import java.util.Arrays;

/**
 * A column of strings held as chars in one array (a few bytes per cell, not a String object each):
 * a target column while its upload streams in, before it is known whether it is numeric or
 * categorical. A cell is read where it lies ({@link #chars()}, {@link #start}, {@link #end}), or as
 * a String.
 */
final class TextCells {

  private char[] chars = new char[1 << 12];
  private int[] ends = new int[1 << 10];
  private int used;
  private int size;

  void add(String cell) {
    int length = cell.length();
    reserve(length);
    cell.getChars(0, length, chars, used);
    added(length);
  }

  /** Adds {@code source[from..to)}. */
  void add(char[] source, int from, int to) {
    int length = to - from;
    reserve(length);
    System.arraycopy(source, from, chars, used, length);
    added(length);
  }

  private void reserve(int length) {
    if (used + length > chars.length) {
      chars = Arrays.copyOf(chars, grown(chars.length, (long) used + length));
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, grown(ends.length, size + 1L));
    }
  }

  private void added(int length) {
    used += length;
    ends[size++] = used;
  }

  int size() {
    return size;
  }

  /** The characters that hold the cells. */
  char[] chars() {
    return chars;
  }

  /** Where cell {@code index} starts in {@link #chars()}. */
  int start(int index) {
    return index == 0 ? 0 : ends[index - 1];
  }

  /** Where cell {@code index} ends (exclusive) in {@link #chars()}. */
  int end(int index) {
    return ends[index];
  }

  String get(int index) {
    return new String(chars, start(index), end(index) - start(index));
  }

  private static int grown(int capacity, long needed) {
    long doubled = Math.max((long) capacity * 2, needed);
    if (doubled > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("a text column is limited to 2 G characters");
    }
    return (int) doubled;
  }
}
