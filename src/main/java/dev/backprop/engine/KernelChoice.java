package dev.backprop.engine;

/**
 * Chooses the kernel for a batch by its work: {@link BlasKernel} when the largest layer product of
 * the batch (rows × fanIn × units multiply-adds) reaches {@link #BLAS_MIN_MACS} = 16,384, else
 * {@link JavaKernel}.
 *
 * <p>Measured with {@code EngineBenchmark} (thread CPU µs per training step, one thread, two runs
 * on the shared, heavily loaded 2-core machine, Java vs BLAS): 4-8-3 batch 16 (512 MACs) 7.5 vs
 * 12.0 and 14.8 vs 25.6; 16-16-4 batch 16 (4,096) 27.1 vs 13.4 and 29.5 vs 28.5; 32-32-4 batch 16
 * (16,384) 59.3 vs 16.0 and 25.7 vs 30.4; 32-64-4 batch 32 (65,536) 80.2 vs 33.5 and 90.5 vs 52.3;
 * beyond that BLAS wins by 3-5x. The crossover lies between 4k and 16k; 16k keeps small predictions
 * (e.g. 64 rows of 4-8-3: 7 µs in Java, 38 µs through native buffers) in Java. With sgemm called
 * directly a call costs about a microsecond, so the fixed costs left are the buffer copies.
 *
 * <p>Since both kernels run under the one feedforward and backpropagation (same benchmark, CPU µs
 * per step, Java vs BLAS): 4-8-3 batch 16 5.1 vs 6.4, 16-16-4 batch 16 10.6 vs 7.5, 32-32-4 batch
 * 16 23.8 vs 9.3. Training would now gain from a lower threshold; it stays at 16k, as measured
 * above, until prediction is measured again on both kernels.
 */
final class KernelChoice {
  /** Largest-layer multiply-adds per batch from which sgemm beats plain Java (measured). */
  static final long BLAS_MIN_MACS = 1L << 14;

  private KernelChoice() {}

  /** rows × units_{l−1} × units_l, maximised over the layers l = 1..L. */
  static long largestLayerMacs(int[] units, int rows) {
    long max = 0;
    for (int l = 1; l < units.length; l++) {
      max = Math.max(max, (long) rows * units[l - 1] * units[l]);
    }
    return max;
  }

  /**
   * Rows of a prediction up to which its feedforward runs in Java whatever its size. For so few
   * rows sgemm costs a fixed ~140 µs on 784-256-128-10 whether it gets 1 row or 4 (the weights are
   * copied into its own layout, then multiplied by a thin matrix), while Java's {@link
   * TransposedProduct} streams the weights once per batch and costs about 14 µs per row. (Training,
   * whose batches are larger, keeps {@link #forBatch}.)
   *
   * <p>Measured with {@code PredictionKernelBenchmark} (thread CPU µs per feedforward, Java vs
   * sgemm, load average 9 on 2 cores): 784-256-128-10 rows 1: 20.6 vs 148.4, 2: 30.7 vs 148.7, 4:
   * 56.4 vs 137.7, 8: 114.8 vs 159.8, 16: 217.6 vs 199.9, 32: 431 vs 281; 64-64-10 rows 4: 2.8 vs
   * 3.7, 8: 5.5 vs 4.8, 16: 10.8 vs 6.9; 4-8-3 16 rows 1.1 vs 1.0. The crossover lies between 8 and
   * 16 rows for the large network and near 8 for the small one (where either costs a few µs), so up
   * to 8 rows run in Java. (Before {@link TransposedProduct}, one row cost 134.8 µs in Java and two
   * 234.0, so only one row ran there.)
   *
   * <p>With OpenBLAS's AVX-512 kernels that benchmark puts sgemm ahead for 1 to 4 rows
   * (784-256-128-10 one row 14.5 against 20.6 µs, four 15.8 against 46.1), but only in the calling
   * thread's CPU: a build that ran such predictions on sgemm served one-row /v2 requests at
   * 4,716-5,795 req/s (141-177 CPU µs a request, the whole process) against 6,928-7,473 (107-117)
   * for one that ran them in Java, side by side at one connection. So every kernel keeps this
   * limit.
   */
  static final int JAVA_MAX_PREDICTION_ROWS = 8;

  /**
   * The kernel for a prediction's feedforward of {@code rows} rows. While ND4J's natives are still
   * loading (in the background at start, see {@link Engine#isInitialized()}), every prediction runs
   * in Java: slower for large batches, but it answers at once instead of waiting for the load.
   */
  static Kernel forPrediction(int[] units, int rows) {
    return forPrediction(units, rows, Engine.isInitialized());
  }

  /** As {@link #forPrediction(int[], int)}, given whether ND4J has loaded. */
  static Kernel forPrediction(int[] units, int rows, boolean nativesLoaded) {
    return rows <= JAVA_MAX_PREDICTION_ROWS || !nativesLoaded
        ? JavaKernel.INSTANCE
        : forBatch(units, rows);
  }

  /** The kernel for batches of {@code rows} rows through layers of these widths. */
  static Kernel forBatch(int[] units, int rows) {
    return largestLayerMacs(units, rows) >= BLAS_MIN_MACS
        ? BlasKernel.INSTANCE
        : JavaKernel.INSTANCE;
  }
}
