package dev.backprop.engine;

/**
 * A network's parameters on a kernel. Layers are numbered as in the math, l = 1..L: layer l has
 * weights {@code W[l]} (units_l × units_{l−1}, row j = neuron j), biases {@code b[l]} (1 × units_l)
 * and activation {@link #f(int) f(l)}; index 0 of W and b is unused, and units[0] is the input
 * width. (Parameters and NetworkSpec.layers() store layer l at list position l − 1.)
 */
final class Layers {
  final Kernel kernel;
  final NetworkSpec spec;
  final int L;
  final int[] units;
  final Matrix[] W;

  /** Wᵀ of each layer when the kernel reads it (prediction on {@link JavaKernel}), else null. */
  final float[][][] Wt;

  final Matrix[] b;
  private final Activation[] f;

  private Layers(
      Kernel kernel, NetworkSpec spec, int[] units, Matrix[] w, float[][][] wT, Matrix[] b) {
    this.kernel = kernel;
    this.spec = spec;
    this.L = units.length - 1;
    this.units = units;
    this.W = w;
    this.Wt = wT;
    this.b = b;
    this.f = new Activation[L + 1];
    for (int l = 1; l <= L; l++) {
      f[l] = spec.layers().get(l - 1).activation();
    }
  }

  /** The parameters as they are, shared read-only (for prediction, from many threads at once). */
  static Layers readOnly(Kernel kernel, NetworkSpec spec, Parameters p) {
    Matrix[][] view = p.on(kernel);
    return new Layers(kernel, spec, p.unitsArray(), view[0], p.transposedOn(kernel), view[1]);
  }

  /** A working copy of the parameters, for training. */
  static Layers copyOf(Kernel kernel, NetworkSpec spec, Parameters p) {
    int[] units = p.unitsArray().clone();
    int layers = units.length - 1;
    Matrix[] w = new Matrix[layers + 1];
    Matrix[] b = new Matrix[layers + 1];
    for (int l = 1; l <= layers; l++) {
      w[l] = copy(kernel, p.w(l - 1), units[l], units[l - 1]);
      b[l] = copy(kernel, p.b(l - 1), 1, units[l]);
    }
    // The working copy changes at every step, so no transpose is kept beside it.
    return new Layers(kernel, spec, units, w, new float[layers + 1][][], b);
  }

  private static Matrix copy(Kernel kernel, float[] values, int rows, int cols) {
    Matrix m = kernel.matrix(rows, cols);
    System.arraycopy(values, 0, m.overwrite(), 0, values.length);
    return m;
  }

  /** The activation of layer l. */
  Activation f(int l) {
    return f[l];
  }

  /**
   * Before several threads run the feedforward and backpropagation on these parameters at once:
   * those read W only natively under sgemm (or on the heap of a heap-only matrix, always current)
   * and b only on the heap, so bringing those sides up to date here leaves the concurrent reads
   * nothing to copy, hence no shared state to change.
   */
  void settleForSharedReads() {
    for (int l = 1; l <= L; l++) {
      W[l].settleNative();
      b[l].read();
    }
  }

  /** A copy of the current values. */
  Parameters snapshot() {
    float[][] w = new float[L][];
    float[][] bias = new float[L][];
    for (int l = 1; l <= L; l++) {
      w[l - 1] = java.util.Arrays.copyOf(W[l].read(), W[l].size());
      bias[l - 1] = java.util.Arrays.copyOf(b[l].read(), b[l].size());
    }
    return new Parameters(w, bias, units.clone());
  }
}
