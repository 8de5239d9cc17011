package dev.backprop.engine;

import java.util.Arrays;

/**
 * {@link JavaKernel}'s weighted input for prediction, s_i = b + Σ_k a_ik t_k, where t_k, row k of
 * Wᵀ, holds the k-th weight of every unit (the transposed weights, made once per model). It is a
 * sum of whole rows scaled by one value each, which the JIT compiles into SIMD loops (the dot
 * products over W's rows that training's layout needs are reductions, which it keeps scalar), and
 * each row of Wᵀ, read once per batch, is added into every row of the batch while it sits in the L1
 * cache: the weights are streamed once however many rows the batch has, which is what batching buys
 * on this path.
 *
 * <p>Each row's sums run in the same order whatever else is in its batch (the SIMD lanes run across
 * units, not across the sum), so a row answers the same bits alone or batched. Measured with {@code
 * PredictionKernelBenchmark}: see {@link KernelChoice#JAVA_MAX_PREDICTION_ROWS}.
 */
final class TransposedProduct {
  private TransposedProduct() {}

  private static final ThreadLocal<float[][]> SUMS = ThreadLocal.withInitial(() -> new float[1][1]);

  /** The transpose of row-major rows × cols {@code values}: cols arrays of rows values. */
  static float[][] transpose(float[] values, int rows, int cols) {
    float[][] t = new float[cols][rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c][r] = values[r * cols + c];
      }
    }
    return t;
  }

  /** s ← x W^T + b for the m rows of x (m × in row-major) into s (m × out row-major). */
  static void weightedInput(
      float[] x, int m, int in, float[][] t, int out, float[] bias, float[] result) {
    float[][] sums = sums(m, out);
    addRows(x, m, in, t, out, sums);
    for (int i = 0; i < m; i++) {
      float[] sum = sums[i];
      int si = i * out;
      for (int j = 0; j < out; j++) {
        result[si + j] = sum[j] + bias[j];
      }
    }
  }

  /**
   * The calling thread's m zeroed rows of at least {@code out} sums (kept up to {@link
   * Scratch#MAX_KEPT} floats, as the feedforward's buffers are). Each row is its own array, as are
   * the rows of Wᵀ, so that the loops index every array from 0: the JIT (JDK 17) turns a loop into
   * SIMD only then, as it cannot rule out that two arrays read at different offsets overlap
   * (measured: an axpy of 256 floats at offsets 150 ns, from 0 20 ns).
   */
  private static float[][] sums(int m, int out) {
    if ((long) m * out > Scratch.MAX_KEPT) {
      return new float[m][out]; // a large batch (training's validation) gets its own, not kept
    }
    float[][] sums = SUMS.get();
    if (sums.length < m || sums[0].length < out) {
      int rows = Math.max(m, sums.length);
      int cols = Math.max(out, sums[0].length);
      sums = (long) rows * cols > Scratch.MAX_KEPT ? new float[m][out] : new float[rows][cols];
      SUMS.set(sums);
    } else {
      for (int i = 0; i < m; i++) {
        Arrays.fill(sums[i], 0, out, 0f);
      }
    }
    return sums;
  }

  /**
   * sums_i += Σ_k x_ik t_k for each of the m rows i: four rows of Wᵀ at a time (in L1), added into
   * every row i of the batch before the next four are read. Four products per pass save loads and
   * stores of the sums against one; a group of four zero inputs (relu's) is skipped.
   */
  private static void addRows(float[] x, int m, int in, float[][] t, int out, float[][] sums) {
    int k = 0;
    for (; k + 3 < in; k += 4) {
      for (int i = 0; i < m; i++) {
        int xi = i * in + k;
        float a0 = x[xi];
        float a1 = x[xi + 1];
        float a2 = x[xi + 2];
        float a3 = x[xi + 3];
        if (a0 != 0f || a1 != 0f || a2 != 0f || a3 != 0f) {
          add4(a0, a1, a2, a3, t[k], t[k + 1], t[k + 2], t[k + 3], sums[i], out);
        }
      }
    }
    for (; k < in; k++) {
      for (int i = 0; i < m; i++) {
        float ak = x[i * in + k];
        if (ak != 0f) {
          add1(ak, t[k], sums[i], out);
        }
      }
    }
  }

  /** y_j += a0 t0_j + a1 t1_j + a2 t2_j + a3 t3_j for j < n. */
  private static void add4(
      float a0,
      float a1,
      float a2,
      float a3,
      float[] t0,
      float[] t1,
      float[] t2,
      float[] t3,
      float[] y,
      int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a0 * t0[j] + a1 * t1[j] + a2 * t2[j] + a3 * t3[j];
    }
  }

  /** y_j += a t_j for j < n. */
  private static void add1(float a, float[] t, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a * t[j];
    }
  }
}
