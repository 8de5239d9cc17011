package dev.backprop.engine;

import java.util.Arrays;

/**
 * The values of one batch (one example per row) through a network, numbered as in {@link Layers}:
 * {@code a[0]} is the input x, and for l = 1..L {@code s[l]} holds the weighted inputs and {@code
 * a[l]} = f(s[l]) the activations; for backpropagation also {@code delta[l]} = δ^l and {@code
 * gradB[l]}, the bias gradient. The buffers are kept between batches and reshaped; they grow only
 * when a batch needs more room.
 */
final class Batch {
  private final Kernel kernel;
  private final boolean backward;
  private int[] shapedFor; // the widths of the last prepare (identity: each network has its own)
  private int rows;
  private int layers;
  Matrix[] s = new Matrix[0];
  Matrix[] a = new Matrix[0];
  Matrix[] delta = new Matrix[0];
  Matrix[] gradB = new Matrix[0];

  /** Buffers of {@code kernel}; {@code backward} adds those backpropagation needs. */
  Batch(Kernel kernel, boolean backward) {
    this.kernel = kernel;
    this.backward = backward;
  }

  /**
   * Shapes every buffer for {@code rows} rows through layers of these widths (contents undefined).
   */
  Batch prepare(int[] units, int rows) {
    if (units == shapedFor && rows == this.rows) {
      return this; // every step overwrites the buffers before reading them
    }
    int count = units.length;
    if (a.length < count) {
      s = Arrays.copyOf(s, count);
      a = Arrays.copyOf(a, count);
      delta = Arrays.copyOf(delta, count);
      gradB = Arrays.copyOf(gradB, count);
    }
    a[0] = fit(a[0], rows, units[0]);
    for (int l = 1; l < count; l++) {
      s[l] = fit(s[l], rows, units[l]);
      a[l] = fit(a[l], rows, units[l]);
      if (backward) {
        delta[l] = fit(delta[l], rows, units[l]);
        gradB[l] = fit(gradB[l], 1, units[l]);
      }
    }
    this.rows = rows;
    this.layers = count - 1;
    this.shapedFor = units;
    return this;
  }

  private Matrix fit(Matrix m, int rows, int cols) {
    return fit(kernel, m, rows, cols);
  }

  /** {@code m} reshaped to rows × cols if it has the room, else a new matrix of {@code kernel}. */
  static Matrix fit(Kernel kernel, Matrix m, int rows, int cols) {
    if (m != null && m.capacity() >= (long) rows * cols) {
      m.reshape(rows, cols);
      return m;
    }
    return kernel.matrix(rows, cols);
  }

  int rows() {
    return rows;
  }

  /** a^0, the input. */
  Matrix input() {
    return a[0];
  }

  /** a^L, the output. */
  Matrix output() {
    return a[layers];
  }

  /** s^L, the output layer's weighted input. */
  Matrix outputWeightedInput() {
    return s[layers];
  }
}
