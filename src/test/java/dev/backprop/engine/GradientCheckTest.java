package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient check: the engine's float32 backpropagation against central
 * differences of a double-precision reference implementation of J (written independently here), for
 * every trainable activation in a hidden layer and at the output with every compatible loss; on one
 * thread, and through a batch split across three threads (slices of 2, 2 and 1 rows, whose
 * gradients are summed by {@link BatchSplit}).
 */
class GradientCheckTest {

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    Activation[] elementWise = {
      Activation.SIGMOID,
      Activation.TANH,
      Activation.RELU,
      Activation.LEAKY_RELU,
      Activation.ARCTAN,
      Activation.IDENTITY
    };
    for (Kernel kernel : TestNetworks.kernels()) {
      for (Activation hidden : elementWise) {
        for (int threads : new int[] {1, 3}) {
          for (Activation out : elementWise) {
            cases.add(Arguments.of(hidden, out, Loss.QUADRATIC, kernel, threads));
          }
          cases.add(Arguments.of(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY, kernel, threads));
          cases.add(
              Arguments.of(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, kernel, threads));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} hidden, {1} output, {2}, {3}, {4} thread(s)")
  @MethodSource("cases")
  void backpropagationMatchesFiniteDifferences(
      Activation hidden, Activation out, Loss loss, Kernel kernel, int threads) {
    NetworkSpec spec =
        new NetworkSpec(
            3,
            List.of(new LayerSpec(4, hidden), new LayerSpec(3, hidden), new LayerSpec(3, out)),
            loss,
            null,
            17);
    Parameters p = Parameters.initialize(spec);
    // non-zero biases so every path is exercised
    SplittableRandom random = new SplittableRandom(5);
    for (int l = 0; l < p.layerCount(); l++) {
      for (int j = 0; j < p.b(l).length; j++) {
        p.b(l)[j] = (float) (random.nextDouble() - 0.5);
      }
    }
    int n = 5;
    TrainingData data = TestNetworks.randomData(spec, n, 23);
    float[] x = TestNetworks.flatten(RowArrays.of(data.features()));
    float[] y = TestNetworks.flatten(RowArrays.of(data.targets()));
    if (loss == Loss.BINARY_CROSS_ENTROPY) {
      y[0] = 0.3f; // soft targets are allowed too
    }

    float[][][] g = analyticGradients(kernel, spec, p, x, y, n, threads);

    double[][] w = new double[p.layerCount()][];
    double[][] b = new double[p.layerCount()][];
    for (int l = 0; l < p.layerCount(); l++) {
      w[l] = toDouble(p.w(l));
      b[l] = toDouble(p.b(l));
    }
    // the engine's own loss agrees with the reference
    assertThat(TestNetworks.loss(spec, TestNetworks.forward(kernel, spec, p, x, n), y))
        .isCloseTo(
            referenceLoss(spec, p.unitsArray(), w, b, x, y, n),
            org.assertj.core.api.Assertions.within(1e-5));
    double eps = 1e-6;
    for (int l = 0; l < p.layerCount(); l++) {
      for (double[][] set : new double[][][] {w, b}) {
        // position l in Parameters is layer l + 1
        float[] analytic = set == w ? g[0][l] : g[1][l];
        for (int i = 0; i < set[l].length; i++) {
          double saved = set[l][i];
          set[l][i] = saved + eps;
          double plus = referenceLoss(spec, p.unitsArray(), w, b, x, y, n);
          set[l][i] = saved - eps;
          double minus = referenceLoss(spec, p.unitsArray(), w, b, x, y, n);
          set[l][i] = saved;
          double numeric = (plus - minus) / (2 * eps);
          assertThat((double) analytic[i])
              .as("layer %d %s[%d]", l, set == w ? "W" : "b", i)
              .isCloseTo(
                  numeric, org.assertj.core.api.Assertions.within(1e-4 + 1e-3 * Math.abs(numeric)));
        }
      }
    }
  }

  /** {weights, biases} by position, from one thread's backpropagation or a split batch. */
  private static float[][][] analyticGradients(
      Kernel kernel, NetworkSpec spec, Parameters p, float[] x, float[] y, int n, int threads) {
    if (threads > 1) {
      return TestNetworks.splitGradients(kernel, spec, p, x, y, n, threads);
    }
    Gradients g = TestNetworks.gradients(kernel, spec, p, x, y, n);
    float[][][] out = new float[2][p.layerCount()][];
    for (int l = 0; l < p.layerCount(); l++) {
      out[0][l] = g.weights(l + 1);
      out[1][l] = g.biases(l + 1);
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  /** J in double precision, straight from the definitions in docs/math.md. */
  static double referenceLoss(
      NetworkSpec spec, int[] units, double[][] w, double[][] b, float[] x, float[] y, int n) {
    double total = 0;
    for (int r = 0; r < n; r++) {
      double[] a = new double[units[0]];
      for (int k = 0; k < units[0]; k++) {
        a[k] = x[r * units[0] + k];
      }
      for (int l = 0; l < w.length; l++) {
        int in = units[l];
        int out = units[l + 1];
        double[] s = new double[out];
        for (int j = 0; j < out; j++) {
          s[j] = b[l][j];
          for (int k = 0; k < in; k++) {
            s[j] += w[l][j * in + k] * a[k];
          }
        }
        a = activate(spec.layers().get(l).activation(), s);
      }
      int k = units[units.length - 1];
      for (int j = 0; j < k; j++) {
        double t = y[r * k + j];
        switch (spec.loss()) {
          case QUADRATIC -> total += 0.5 * (a[j] - t) * (a[j] - t);
          case CROSS_ENTROPY -> total -= t * Math.log(a[j]);
          case BINARY_CROSS_ENTROPY -> total -= t * Math.log(a[j]) + (1 - t) * Math.log(1 - a[j]);
        }
      }
    }
    return total / n;
  }

  private static double[] activate(Activation f, double[] s) {
    double[] a = new double[s.length];
    if (f == Activation.SOFTMAX) {
      double sum = 0;
      for (int j = 0; j < s.length; j++) {
        a[j] = Math.exp(s[j]);
        sum += a[j];
      }
      for (int j = 0; j < s.length; j++) {
        a[j] /= sum;
      }
      return a;
    }
    for (int j = 0; j < s.length; j++) {
      double v = s[j];
      a[j] =
          switch (f) {
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case TANH -> Math.tanh(v);
            case RELU -> Math.max(v, 0);
            case LEAKY_RELU -> v > 0 ? v : 0.01 * v;
            case ARCTAN -> Math.atan(v);
            case IDENTITY -> v;
            default -> throw new IllegalArgumentException(f.name());
          };
    }
    return a;
  }
}
