package dev.backprop.engine;

/**
 * Costs J over a batch of n examples (API.md), each with its output delta BP1 (δ^L = ∂J_x/∂s^L for
 * one example x; the 1/n of the batch mean is applied when gradients are averaged). Values are
 * computed from the pre-activations s^L so they are numerically stable (log-sum-exp for softmax,
 * softplus for sigmoid); no log of 0 is ever taken.
 */
public enum Loss implements ApiNamed {
  /** J = (1/2n) Σ_x ‖a^L(x) − y(x)‖². */
  QUADRATIC {
    @Override
    public double value(Activation output, float[] s, float[] a, float[] y, int rows, int units) {
      double sum = 0;
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        double d = (double) a[i] - y[i];
        sum += d * d;
      }
      return sum / (2.0 * rows);
    }

    @Override
    public void outputDelta(
        Activation output, float[] s, float[] a, float[] y, float[] delta, int rows, int units) {
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        delta[i] = a[i] - y[i];
      }
      output.multiplyByDerivative(s, a, delta, n);
    }
  },
  /** J = −(1/n) Σ_x Σ_j y_j ln a^L_j, with a softmax output. */
  CROSS_ENTROPY {
    @Override
    public double value(Activation output, float[] s, float[] a, float[] y, int rows, int units) {
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        int o = r * units;
        if (output == Activation.SOFTMAX) {
          // ln a_j = s_j − logsumexp(s)
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < units; j++) {
            max = Math.max(max, s[o + j]);
          }
          double e = 0;
          for (int j = 0; j < units; j++) {
            e += Math.exp(s[o + j] - max);
          }
          double lse = max + Math.log(e);
          for (int j = 0; j < units; j++) {
            if (y[o + j] != 0f) {
              sum -= y[o + j] * (s[o + j] - lse);
            }
          }
        } else {
          for (int j = 0; j < units; j++) {
            if (y[o + j] != 0f) {
              sum -= y[o + j] * Math.log(Math.max(a[o + j], MIN_PROBABILITY));
            }
          }
        }
      }
      return sum / rows;
    }

    @Override
    public void outputDelta(
        Activation output, float[] s, float[] a, float[] y, float[] delta, int rows, int units) {
      // softmax + cross-entropy: δ^L = a − y
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        delta[i] = a[i] - y[i];
      }
    }
  },
  /** J = −(1/n) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], with a sigmoid output. */
  BINARY_CROSS_ENTROPY {
    @Override
    public double value(Activation output, float[] s, float[] a, float[] y, int rows, int units) {
      double sum = 0;
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        double yi = y[i];
        if (output == Activation.SIGMOID) {
          // −ln σ(s) = softplus(−s), −ln(1 − σ(s)) = softplus(s)
          sum += yi * softplus(-s[i]) + (1 - yi) * softplus(s[i]);
        } else {
          double ai = Math.min(Math.max(a[i], MIN_PROBABILITY), 1 - MIN_PROBABILITY);
          sum -= yi * Math.log(ai) + (1 - yi) * Math.log(1 - ai);
        }
      }
      return sum / rows;
    }

    @Override
    public void outputDelta(
        Activation output, float[] s, float[] a, float[] y, float[] delta, int rows, int units) {
      // sigmoid + binary cross-entropy: δ^L = a − y
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        delta[i] = a[i] - y[i];
      }
    }
  };

  static final double MIN_PROBABILITY = 1e-12;

  /**
   * The mean cost J over a row-major batch: {@code s} and {@code a} are the output layer's
   * pre-activations and activations, {@code y} the targets, each {@code rows} × {@code units}.
   */
  public abstract double value(
      Activation output, float[] s, float[] a, float[] y, int rows, int units);

  /** BP1: δ^L per example (not divided by the batch size) into {@code delta}. */
  public abstract void outputDelta(
      Activation output, float[] s, float[] a, float[] y, float[] delta, int rows, int units);

  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  public static Loss fromName(String name) {
    return ApiNamed.parse(Loss.class, name, "loss");
  }
}
