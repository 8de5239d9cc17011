package dev.backprop.engine;

/**
 * Chooses how many threads a training job splits each batch across, by the work per batch as {@link
 * KernelChoice} chooses the kernel: a split costs hand-overs between the threads (barriers) and
 * smaller products (each thread then forms and steps the weight-gradient rows of its own units from
 * every slice), so each slice must bring at least {@link #MIN_SLICE_MACS} multiply-adds of
 * feedforward (rows × Σ_l units_{l−1} units_l) for the split to pay; smaller networks and batches
 * stay on one thread.
 *
 * <p>Measured with {@code SplitBenchmark} (its split table: wall µs per step, one thread against a
 * forced split in two, median of 5; the ratio is one thread's time over the split's) on a 2-core
 * AMD EPYC (Zen 5), since layer 1 is computed by units and a step waits at two barriers. With
 * OpenBLAS's AVX2 kernels, in two runs: 128-128-10 b64 (565k multiply-adds per slice) 0.84 and
 * 0.99; 256-128-10 b64 (1.1M) 1.01 and 1.04; 256-128-10 b128 (2.2M) 1.20 and 1.16; 784-256-10 b16
 * (1.6M, 8 rows a slice) 1.29 and 1.65, b32 (3.3M, 16 rows) 1.37 and 1.65, b64 1.42 and 1.55.
 * Through a job there (784-256-10, 10,000 rows × 3 epochs, sgd, 9 alternating rounds against the
 * rules before, which kept these on one thread): batch 32 1.30x, batch 16 1.18x, no round slower.
 * So a slice needs about 1.5 million multiply-adds and 8 rows. (Before layer 1 was split by units,
 * each slice multiplied all of W^1, and slices needed 2 million and 32 rows.)
 *
 * <p>OpenBLAS's AVX-512 kernels do the products faster and leave the hand-overs a larger share. In
 * one run of the same table they gave 256-128-10 b128 0.92, 784-256-10 b16 1.07, b32 1.38 and b64
 * 1.46; but through a job, 784-256-10 batch 32 split ran 1.04x at the median and lost in 4 rounds
 * of 9 (0.62x to 1.18x). So with those kernels the rules stay as they were measured before (2
 * million multiply-adds and 64 rows a slice) until a job gains.
 */
final class ThreadChoice {
  /** Feedforward multiply-adds per slice from which splitting a batch pays (measured). */
  static final long MIN_SLICE_MACS = 1_500_000;

  /**
   * As {@link #MIN_SLICE_MACS} when OpenBLAS runs its AVX-512 kernels ({@link BlasCore#avx512()}).
   */
  static final long MIN_SLICE_MACS_AVX512 = 1L << 21;

  /** Rows per slice from which splitting a batch pays. */
  static final int MIN_SLICE_ROWS = 8;

  /** As {@link #MIN_SLICE_ROWS} when OpenBLAS runs its AVX-512 kernels. */
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
    // The AVX-512 thresholds only lower the count, so what stays on one thread anyway does not ask
    // OpenBLAS (which small networks never load).
    int threads = forBatch(units, rows, allowed, false);
    return threads < 2 ? 1 : forBatch(units, rows, allowed, BlasCore.avx512());
  }

  /** As {@link #forBatch(int[], int, int)}, given whether the AVX-512 kernels run. */
  static int forBatch(int[] units, int rows, int allowed, boolean avx512) {
    int minRows = avx512 ? MIN_SLICE_ROWS_AVX512 : MIN_SLICE_ROWS;
    long minMacs = avx512 ? MIN_SLICE_MACS_AVX512 : MIN_SLICE_MACS;
    long slices = Math.min(batchMacs(units, rows) / minMacs, rows / minRows);
    return (int) Math.max(1, Math.min(allowed, slices));
  }
}
