package dev.backprop.engine;

import java.util.Arrays;

/**
 * The kernel for small layers and small predictions: plain loops over heap arrays. No call leaves
 * Java, so a product costs only its multiply-adds, which beats a native call while the layers are
 * small or the rows few (see {@link KernelChoice}). The products skip zero factors, which relu's
 * activations and deltas are full of.
 *
 * <p>A prediction's weighted input reads the transposed weights ({@link #transposedConstant}, made
 * once per model): s_i = b + Σ_k a_ik (row k of Wᵀ) is a sum of contiguous rows scaled by one value
 * each, which the JIT turns into SIMD loops (the dot products over W's rows are sums, which it does
 * not), and each row of Wᵀ, read once per batch, is added into every row of the batch while it is
 * in the L1 cache: the weights are streamed once however many rows the batch has. Each row's sums
 * run in the same order whatever else is in its batch, so a row answers the same bits alone or
 * batched.
 */
final class JavaKernel implements Kernel {
  static final JavaKernel INSTANCE = new JavaKernel();

  private JavaKernel() {}

  @Override
  public Matrix matrix(int rows, int cols) {
    return Matrix.onHeap(new float[Math.multiplyExact(rows, cols)], rows, cols);
  }

  @Override
  public Matrix constant(float[] values, int rows, int cols) {
    return Matrix.onHeap(values, rows, cols);
  }

  @Override
  public float[][] transposedConstant(float[] values, int rows, int cols) {
    return TransposedProduct.transpose(values, rows, cols);
  }

  @Override
  public void weightedInput(Matrix a, Matrix w, float[][] wT, Matrix b, Matrix s) {
    if (wT == null) {
      weightedInput(a, w, b, s);
      return;
    }
    int m = a.rows();
    int in = a.cols();
    int out = w.rows();
    Kernel.requireProductShape(m, in, w.cols(), out, s);
    if (b.size() != out || wT.length != in) {
      throw new IllegalArgumentException(b.size() + " biases, " + wT.length + " rows of Wᵀ");
    }
    TransposedProduct.weightedInput(a.read(), m, in, wT, out, b.read(), s.overwrite());
  }

  @Override
  public void weightedInput(Matrix a, Matrix w, Matrix b, Matrix s) {
    int m = a.rows();
    int in = a.cols();
    int out = w.rows();
    Kernel.requireProductShape(m, in, w.cols(), out, s);
    if (b.size() != out) {
      throw new IllegalArgumentException(b.size() + " biases for " + out + " units");
    }
    float[] x = a.read();
    float[] weights = w.read();
    float[] bias = b.read();
    float[] result = s.overwrite();
    for (int i = 0; i < m; i++) {
      int xi = i * in;
      int si = i * out;
      for (int j = 0; j < out; j++) {
        result[si + j] = dot(weights, j * in, x, xi, in) + bias[j];
      }
    }
  }

  @Override
  public void multiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    Kernel.requireProductShape(m, k, b.rows(), n, c);
    float[] av = a.read();
    float[] bv = b.read();
    float[] cv = prepare(c, beta);
    // Row i of C gains α a_ip times row p of B, for each p.
    for (int i = 0; i < m; i++) {
      int ci = i * n;
      for (int p = 0; p < k; p++) {
        float aip = alpha * av[i * k + p];
        if (aip != 0f) {
          axpy(aip, bv, p * n, cv, ci, n);
        }
      }
    }
  }

  @Override
  public void transposeMultiplyAdd(float alpha, Matrix a, Matrix b, float beta, Matrix c) {
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    Kernel.requireProductShape(k, m, b.rows(), n, c);
    float[] av = a.read();
    float[] bv = b.read();
    float[] cv = prepare(c, beta);
    // Row p of C gains α a_ip times row i of B, for each row i.
    for (int i = 0; i < m; i++) {
      int bi = i * n;
      for (int p = 0; p < k; p++) {
        float aip = alpha * av[i * k + p];
        if (aip != 0f) {
          axpy(aip, bv, bi, cv, p * n, n);
        }
      }
    }
  }

  @Override
  public void axpy(float alpha, Matrix x, Matrix y) {
    Kernel.requireSameSize(x, y);
    ElementWise.axpy(alpha, x.read(), y.write(), x.size());
  }

  @Override
  public void scale(float alpha, Matrix x) {
    ElementWise.scale(alpha, x.write(), x.size());
  }

  @Override
  public void axpy(float alpha, Matrix x, Matrix y, int from, int to) {
    Kernel.requireSameSize(x, y);
    ElementWise.axpy(alpha, x.readRange(from, to), y.readRange(from, to), from, to);
  }

  @Override
  public void scale(float alpha, Matrix x, int from, int to) {
    ElementWise.scale(alpha, x.readRange(from, to), from, to);
  }

  /** C's values scaled by β (zeroed for β = 0), ready for the product to be added. */
  private static float[] prepare(Matrix c, float beta) {
    int size = c.size();
    if (beta == 0f) {
      float[] cv = c.overwrite();
      Arrays.fill(cv, 0, size, 0f);
      return cv;
    }
    float[] cv = c.write();
    if (beta != 1f) {
      for (int i = 0; i < size; i++) {
        cv[i] *= beta;
      }
    }
    return cv;
  }

  /** y[yo + k] += α x[xo + k] for k < n. */
  private static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int k = 0; k < n; k++) {
      y[yo + k] += alpha * x[xo + k];
    }
  }

  /** Σ_k u[uo + k] v[vo + k], with four partial sums so the multiply-adds overlap. */
  static float dot(float[] u, int uo, float[] v, int vo, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += u[uo + k] * v[vo + k];
      s1 += u[uo + k + 1] * v[vo + k + 1];
      s2 += u[uo + k + 2] * v[vo + k + 2];
      s3 += u[uo + k + 3] * v[vo + k + 3];
    }
    for (; k < n; k++) {
      s0 += u[uo + k] * v[vo + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public String toString() {
    return "java";
  }
}
