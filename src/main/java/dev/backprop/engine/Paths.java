package dev.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses between the plain-Java path and the ND4J gemm path, and runs feedforward for evaluation
 * and prediction on either.
 *
 * <p>The choice is by work: the ND4J path is used when the largest layer product of a batch (rows ×
 * fanIn × units multiply-adds) reaches {@link #ND4J_MIN_MACS}. Measured with {@code
 * EngineBenchmark} (CPU µs per training step, one thread, on the shared 2-core machine): 4-8-3
 * batch 16 (512 MACs) Java 7.5 vs ND4J 12.0; 16-16-4 batch 16 (4,096 MACs) Java 27.1 vs ND4J 13.4;
 * from there on ND4J wins by 2-5x (64-128-4 batch 64: 488 vs 147). With sgemm called directly on
 * the native buffers ({@link Gemm}) a call costs about a microsecond, so the fixed costs left are
 * the buffer copies, and plain Java only wins for the tiniest layers.
 */
final class Paths {
  /** Largest-layer multiply-adds per batch from which gemm beats plain Java (measured). */
  static final long ND4J_MIN_MACS = 1L << 11;

  private Paths() {}

  static long largestLayerMacs(int[] units, int rows) {
    long max = 0;
    for (int l = 1; l < units.length; l++) {
      max = Math.max(max, (long) rows * units[l - 1] * units[l]);
    }
    return max;
  }

  static boolean useNd4j(int[] units, int rows) {
    return largestLayerMacs(units, rows) >= ND4J_MIN_MACS;
  }

  static TrainingPath trainingPath(
      NetworkSpec spec, Parameters initial, TrainingConfig config, boolean nd4j) {
    return nd4j
        ? new Nd4jTrainingPath(spec, initial, config)
        : new JavaTrainingPath(spec, initial, config);
  }

  /** Output pre-activations and activations {s^L, a^L} for n rows of standardised x. */
  static float[][] forward(NetworkSpec spec, Parameters p, float[] x, int n) {
    return useNd4j(p.unitsArray(), n) ? forwardNd4j(spec, p, x, n) : forwardJava(spec, p, x, n);
  }

  static float[][] forwardJava(NetworkSpec spec, Parameters p, float[] x, int n) {
    Network net = new Network(spec, p, Scratch.get());
    float[] a = net.forward(x, n);
    int k = spec.outputs();
    return new float[][] {
      java.util.Arrays.copyOf(net.s[net.L], n * k), java.util.Arrays.copyOf(a, n * k)
    };
  }

  /**
   * Gemm feedforward. Thread-safe: the weights are shared read-only, every buffer is the calling
   * thread's own.
   */
  static float[][] forwardNd4j(NetworkSpec spec, Parameters p, float[] x, int n) {
    Engine.initialize();
    Scratch scratch = Scratch.get();
    int[] units = p.unitsArray();
    INDArray[] W = p.nd4jWeights();
    int L = W.length;
    INDArray a = scratch.array(n, units[0], 0);
    a.data().asNioFloat().put(0, x, 0, n * units[0]);
    float[] hs = null;
    float[] ha = null;
    for (int l = 1; l <= L; l++) {
      int out = units[l];
      INDArray s = scratch.array(n, out, 1);
      // s^l = W^l a^(l−1) + b^l, a^l = f(s^l), one example per row
      Gemm.gemm(a, W[l - 1], s, false, true, 1.0, 0.0);
      hs = scratch.floats(2 * l, n * out);
      s.data().asNioFloat().get(0, hs, 0, n * out);
      float[] bias = p.b(l - 1);
      for (int i = 0; i < n; i++) {
        int o = i * out;
        for (int j = 0; j < out; j++) {
          hs[o + j] += bias[j];
        }
      }
      ha = scratch.floats(2 * l + 1, n * out);
      spec.layers().get(l - 1).activation().apply(hs, ha, n, out);
      if (l < L) {
        a = scratch.array(n, out, 2 + (l & 1));
        a.data().asNioFloat().put(0, ha, 0, n * out);
      }
    }
    int k = units[L];
    return new float[][] {java.util.Arrays.copyOf(hs, n * k), java.util.Arrays.copyOf(ha, n * k)};
  }
}
