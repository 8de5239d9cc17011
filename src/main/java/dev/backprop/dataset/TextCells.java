package dev.backprop.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column of strings held as UTF-8 bytes in one array (a few bytes per cell, not a String object
 * each): a target column while its upload streams in, before it is known whether it is numeric or
 * categorical.
 */
final class TextCells {

  private byte[] bytes = new byte[1 << 12];
  private int[] ends = new int[1 << 10];
  private int used;
  private int size;

  void add(String cell) {
    byte[] utf8 = cell.getBytes(StandardCharsets.UTF_8);
    if (used + utf8.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, grown(bytes.length, used + utf8.length));
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, grown(ends.length, size + 1));
    }
    System.arraycopy(utf8, 0, bytes, used, utf8.length);
    used += utf8.length;
    ends[size++] = used;
  }

  int size() {
    return size;
  }

  String get(int index) {
    int start = index == 0 ? 0 : ends[index - 1];
    return new String(bytes, start, ends[index] - start, StandardCharsets.UTF_8);
  }

  private static int grown(int capacity, int needed) {
    long doubled = Math.max((long) capacity * 2, needed);
    if (doubled > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("a text column is limited to 2 GB");
    }
    return (int) doubled;
  }
}
