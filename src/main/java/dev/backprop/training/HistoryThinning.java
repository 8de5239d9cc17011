package dev.backprop.training;

/**
 * How a job's history is thinned for {@code GET /api/v1/training-jobs/{id}}: at most {@value
 * #MAX_ENTRIES} entries, epochs 1, 1+k, 1+2k, ... and always the last, so that polling a job of
 * 100,000 epochs reads and sends a thousand rows, not all of them. The whole history is paged at
 * {@code /history}.
 */
final class HistoryThinning {

  /** The most entries a job's own answer holds. */
  static final int MAX_ENTRIES = 1000;

  private HistoryThinning() {}

  /**
   * The stride k for a history of epochs 1 to {@code last}: the smallest that keeps the entries on
   * the stride, plus the last when it is off the stride, within {@link #MAX_ENTRIES}. With k =
   * ceil((last - 1) / 999) there are at most 1000 entries on the stride, and exactly 1000 only when
   * the last is one of them.
   */
  static int stride(int last) {
    if (last <= MAX_ENTRIES) {
      return 1;
    }
    int gaps = MAX_ENTRIES - 1;
    return (last - 1 + gaps - 1) / gaps;
  }
}
