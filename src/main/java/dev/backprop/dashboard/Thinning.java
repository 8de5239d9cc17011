package dev.backprop.dashboard;

import java.util.Arrays;

/**
 * Keeps a long curve drawable: past {@value #MAX_POINTS} epochs, the epochs are cut into {@code
 * MAX_POINTS / 2} buckets of equal length and each bucket keeps its lowest and its highest value,
 * in epoch order, so a spike (a diverging step) survives however long the history. A bucket that
 * holds a NaN or infinite value also keeps one gap, so the line breaks there as it would unthinned.
 * Shorter curves keep one point per epoch.
 */
final class Thinning {

  /** At most this many points of a curve are drawn. */
  static final int MAX_POINTS = 2000;

  private Thinning() {}

  /**
   * The points to draw.
   *
   * @param epochs x values, ascending
   * @param values y values, NaN in {@code values} marks a gap (a break in the line)
   */
  record Points(double[] epochs, double[] values) {
    int size() {
      return epochs.length;
    }
  }

  static Points thin(double[] epochs, double[] values) {
    return thin(epochs, values, MAX_POINTS);
  }

  static Points thin(double[] epochs, double[] values, int maxPoints) {
    int n = epochs.length;
    if (n <= maxPoints) {
      double[] y = values.clone();
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(y[i])) {
          y[i] = Double.NaN;
        }
      }
      return new Points(epochs.clone(), y);
    }
    int buckets = Math.max(1, maxPoints / 2);
    int size = (n + buckets - 1) / buckets;
    // Each bucket keeps at most a low, a high and a gap.
    double[] x = new double[3 * buckets];
    double[] y = new double[3 * buckets];
    int kept = 0;
    for (int start = 0; start < n; start += size) {
      int end = Math.min(n, start + size);
      int low = -1;
      int high = -1;
      int gap = -1;
      for (int i = start; i < end; i++) {
        double v = values[i];
        if (!Double.isFinite(v)) {
          gap = gap < 0 ? i : gap;
        } else {
          low = low < 0 || v < values[low] ? i : low;
          high = high < 0 || v > values[high] ? i : high;
        }
      }
      int[] keep = {low, high, gap};
      Arrays.sort(keep);
      int previous = -1;
      for (int i : keep) {
        if (i >= 0 && i != previous) {
          x[kept] = epochs[i];
          y[kept] = i == gap ? Double.NaN : values[i];
          kept++;
          previous = i;
        }
      }
    }
    return new Points(Arrays.copyOf(x, kept), Arrays.copyOf(y, kept));
  }
}
