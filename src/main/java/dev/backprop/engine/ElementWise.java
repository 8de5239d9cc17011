package dev.backprop.engine;

/**
 * The element-wise loops both kernels run on heap arrays (the first n values, or m rows of n). Work
 * linear in the matrix size costs less in Java than a native call would; these loops compile to
 * vector code.
 */
final class ElementWise {
  private ElementWise() {}

  /** y ← α x + y. */
  static void axpy(float alpha, float[] x, float[] y, int n) {
    axpy(alpha, x, y, 0, n);
  }

  /** y ← α x + y on [from, to): each value on its own, so a range gives the whole's bits. */
  static void axpy(float alpha, float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** x ← α x. */
  static void scale(float alpha, float[] x, int n) {
    scale(alpha, x, 0, n);
  }

  /** x ← α x on [from, to). */
  static void scale(float alpha, float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      x[i] *= alpha;
    }
  }

  /** s_ij ← s_ij + b_j over m rows of n. */
  static void addBias(float[] s, float[] b, int m, int n) {
    for (int i = 0; i < m; i++) {
      int o = i * n;
      for (int j = 0; j < n; j++) {
        s[o + j] += b[j];
      }
    }
  }

  /** mean_j ← (1/m) Σ_i d_ij over m rows of n. */
  static void columnMeans(float[] d, int m, int n, float[] mean) {
    java.util.Arrays.fill(mean, 0, n, 0f);
    for (int i = 0; i < m; i++) {
      int o = i * n;
      for (int j = 0; j < n; j++) {
        mean[j] += d[o + j];
      }
    }
    float inv = 1f / m;
    for (int j = 0; j < n; j++) {
      mean[j] *= inv;
    }
  }

  /** Row i of {@code to} ← row {@code order[start + i]} of {@code from}, for m rows of width. */
  static void gatherRows(float[] from, int[] order, int start, int m, int width, float[] to) {
    for (int i = 0; i < m; i++) {
      System.arraycopy(from, order[start + i] * width, to, i * width, width);
    }
  }
}
