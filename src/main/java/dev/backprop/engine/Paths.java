package dev.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses between the plain-Java path and the ND4J gemm path, and runs feedforward for evaluation
 * and prediction on either.
 *
 * <p>The choice is by work: the ND4J path is used when the largest layer product of a batch (rows ×
 * fanIn × units multiply-adds) reaches {@link #ND4J_MIN_MACS} = 16,384. Measured with {@code
 * EngineBenchmark} (thread CPU µs per training step, one thread, two runs on the shared, heavily
 * loaded 2-core machine, Java vs ND4J): 4-8-3 batch 16 (512 MACs) 7.5 vs 12.0 and 14.8 vs 25.6;
 * 16-16-4 batch 16 (4,096) 27.1 vs 13.4 and 29.5 vs 28.5; 32-32-4 batch 16 (16,384) 59.3 vs 16.0
 * and 25.7 vs 30.4; 32-64-4 batch 32 (65,536) 80.2 vs 33.5 and 90.5 vs 52.3; beyond that ND4J wins
 * by 3-5x. The crossover lies between 4k and 16k; 16k keeps small predictions (e.g. 64 rows of
 * 4-8-3: 7 µs in Java, 38 µs through ND4J) on the Java path. With sgemm called directly on the
 * native buffers ({@link Gemm}) a call costs about a microsecond, so the fixed costs left are the
 * buffer copies.
 */
final class Paths {
  /** Largest-layer multiply-adds per batch from which gemm beats plain Java (measured). */
  static final long ND4J_MIN_MACS = 1L << 14;

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
