package dev.backprop.engine;

/**
 * Chooses how many threads a training job splits each batch across, by the work per batch as {@link
 * KernelChoice} chooses the kernel: a split costs hand-overs between the threads (barriers) and
 * smaller products (each thread then forms and steps the weight-gradient rows of its own units from
 * every slice), so each slice must bring at least {@link #MIN_SLICE_MACS} multiply-adds of
 * feedforward (rows × Σ_l units_{l−1} units_l) for the split to pay; smaller networks and batches
 * stay on one thread.
 *
 * <p>Measured with {@code SplitBenchmark} on the quiet 2-core machine (its split table: wall µs per
 * step, one thread vs a forced split in two, median of 5; the ratio is one thread's time over the
 * split's): 64-64-4 b32 (70k MACs per slice) 0.25; 128-128-10 b64 (565k per slice) 0.77; 256-128-10
 * b64 (1.1M) 0.93; 256-128-10 b128 (2.2M) 1.25; 784-256-10 b64 (6.5M) 1.29; 784-256-10 b32 (3.3M
 * per slice but 16 rows) 0.93. So a slice needs about two million multiply-adds and 32 rows before
 * its share of the work pays for the hand-over and the extra passes over the gradients (the split
 * of that time). (An earlier run at load average 10-20 had put the threshold at one million.)
 * Measured before the threads shared the gradient sum and optimiser step; the split table at load
 * average 9-10 since (every ratio below 1 for the old split as for the new) could not place the
 * threshold again, so it stays.
 */
final class ThreadChoice {
  /** Feedforward multiply-adds per slice from which splitting a batch pays (measured). */
  static final long MIN_SLICE_MACS = 1L << 21;

  /** Rows per slice from which splitting a batch pays (a wide first layer needs them most). */
  static final int MIN_SLICE_ROWS = 32;

  /**
   * Rows per slice from which splitting pays when OpenBLAS runs its AVX-512 kernels ({@link
   * BlasCore#avx512()}). Those do a slice's products about 1.8x faster but lose more on few rows:
   * on the 2-core AMD EPYC (Zen 5) the split table gave 784-256-10 b32 0.74 and b64 (32 rows a
   * slice) 0.82, 256-128-10 b128 (64 rows) 1.06 and 784-256-128-10 b128 1.18, where the AVX2
   * kernels on the same machine gave 1.07, 1.26, 1.19 and 1.46.
   */
  static final int MIN_SLICE_ROWS_AVX512 = 64;

  private ThreadChoice() {}

  /** rows × Σ_l units_{l−1} × units_l: the feedforward's multiply-adds for a batch. */
  static long batchMacs(int[] units, int rows) {
    long perRow = 0;
    for (int l = 1; l < units.length; l++) {
      perRow += (long) units[l - 1] * units[l];
    }
    return rows * perRow;
  }

  /**
   * Threads for batches of {@code rows} rows through these widths, at most {@code allowed}, for the
   * OpenBLAS kernels this process runs (loading OpenBLAS if need be).
   */
  static int forBatch(int[] units, int rows, int allowed) {
    // The AVX-512 threshold only lowers the count, so what stays on one thread anyway does not ask
    // OpenBLAS (which small networks never load).
    int threads = forBatch(units, rows, allowed, false);
    return threads < 2 ? 1 : forBatch(units, rows, allowed, BlasCore.avx512());
  }

  /** As {@link #forBatch(int[], int, int)}, given whether the AVX-512 kernels run. */
  static int forBatch(int[] units, int rows, int allowed, boolean avx512) {
    int minRows = avx512 ? MIN_SLICE_ROWS_AVX512 : MIN_SLICE_ROWS;
    long slices = Math.min(batchMacs(units, rows) / MIN_SLICE_MACS, rows / minRows);
    return (int) Math.max(1, Math.min(allowed, slices));
  }
}
