package dev.backprop.engine;

/**
 * Chooses how many threads a training job splits each batch across, by the work per batch as {@link
 * KernelChoice} chooses the kernel: a split costs a hand-over to the worker threads and a pass over
 * every weight to add the slices' gradients, so each slice must bring at least {@link
 * #MIN_SLICE_MACS} multiply-adds of feedforward (rows × Σ_l units_{l−1} units_l) for the split to
 * pay; smaller networks and batches stay on one thread.
 *
 * <p>Measured with {@code SplitBenchmark} (its split table: wall µs per step, one thread vs a
 * forced split in two, median of 5, on the shared 2-core machine at load average 10-20, so only the
 * rough shape holds): 64-64-4 b16 (70k MACs per batch) 17 vs 37; 64-64-4 b32 (139k) 37 vs 46;
 * 128-128-10 b32 (565k) 134 vs 129; 128-128-10 b64 (1.1M) 273 vs 225; 256-128-10 b64 (2.2M) 340 vs
 * 283. Below about a million MACs a slice's share of the work no longer pays for the hand-over and
 * the extra pass over the gradients; the threshold should be measured again on a quiet machine.
 */
final class ThreadChoice {
  /** Feedforward multiply-adds per slice from which splitting a batch pays (measured). */
  static final long MIN_SLICE_MACS = 1L << 20;

  /** Rows per slice from which splitting a batch pays (a wide first layer needs them most). */
  static final int MIN_SLICE_ROWS = 32;

  private ThreadChoice() {}

  /** rows × Σ_l units_{l−1} × units_l: the feedforward's multiply-adds for a batch. */
  static long batchMacs(int[] units, int rows) {
    long perRow = 0;
    for (int l = 1; l < units.length; l++) {
      perRow += (long) units[l - 1] * units[l];
    }
    return rows * perRow;
  }

  /** Threads for batches of {@code rows} rows through these widths, at most {@code allowed}. */
  static int forBatch(int[] units, int rows, int allowed) {
    long slices = Math.min(batchMacs(units, rows) / MIN_SLICE_MACS, rows / MIN_SLICE_ROWS);
    return (int) Math.max(1, Math.min(allowed, slices));
  }
}
