package dev.backprop.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Distinct numbers drawn from {@code [0, count)} reproducibly from a seed. */
final class RandomDraw {

  private RandomDraw() {}

  /**
   * {@code min(n, count)} distinct numbers below {@code count}, in the order drawn: the same seed
   * always draws the same numbers in the same order.
   */
  static List<Long> distinct(long count, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int wanted = (int) Math.min(count, n);
    if ((long) wanted * 2 > count) {
      return shuffledPrefix((int) count, wanted, random); // dense: a partial Fisher-Yates shuffle
    }
    Set<Long> drawn = new LinkedHashSet<>(); // sparse: a redraw is rare
    while (drawn.size() < wanted) {
      drawn.add(random.nextLong(count));
    }
    return new ArrayList<>(drawn);
  }

  private static List<Long> shuffledPrefix(int count, int wanted, SplittableRandom random) {
    long[] all = new long[count];
    for (int i = 0; i < count; i++) {
      all[i] = i;
    }
    List<Long> drawn = new ArrayList<>(wanted);
    for (int i = 0; i < wanted; i++) {
      int j = i + random.nextInt(count - i);
      long chosen = all[j];
      all[j] = all[i];
      all[i] = chosen;
      drawn.add(chosen);
    }
    return drawn;
  }
}
