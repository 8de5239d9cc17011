package dev.backprop.engine;

/**
 * Costs J over a batch of n examples (docs/math.md), each with its output delta BP1 (δ^L =
 * ∂J_x/∂s^L for one example x; the 1/n of the batch mean is applied when the gradients are
 * averaged).
 *
 * <p>Each loss is used with the output activation {@link NetworkSpec} pairs it with: cross-entropy
 * with softmax, binary cross-entropy with sigmoid, quadratic with any element-wise activation. For
 * the first two the output delta simplifies to a − y; quadratic multiplies a − y by f'(s). Values
 * are computed from the pre-activations s^L where that keeps them stable (log-sum-exp for softmax,
 * softplus for sigmoid), so no log of 0 is ever taken.
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
  },
  /**
   * J = −(1/n) Σ_x Σ_j y_j ln a^L_j, with a^L = softmax(s^L), so ln a_j = s_j − logsumexp(s). The
   * softmax already summed the exponentials: at the largest s_m, a_m = 1 / Σ_k e^(s_k − s_m), so
   * logsumexp(s) = s_m − ln a_m, and a_m ≥ 1/units keeps that logarithm well away from 0.
   */
  CROSS_ENTROPY {
    @Override
    public double value(Activation output, float[] s, float[] a, float[] y, int rows, int units) {
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        int o = r * units;
        int m = o;
        for (int j = o + 1; j < o + units; j++) {
          if (s[j] > s[m]) {
            m = j;
          }
        }
        double logSumExp = s[m] - Math.log(a[m]);
        for (int j = 0; j < units; j++) {
          if (y[o + j] != 0f) {
            sum -= y[o + j] * (s[o + j] - logSumExp);
          }
        }
      }
      return sum / rows;
    }
  },
  /**
   * J = −(1/n) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], with a = σ(s), so −ln a_j =
   * softplus(−s_j) and −ln(1 − a_j) = softplus(s_j).
   */
  BINARY_CROSS_ENTROPY {
    @Override
    public double value(Activation output, float[] s, float[] a, float[] y, int rows, int units) {
      double sum = 0;
      int n = rows * units;
      for (int i = 0; i < n; i++) {
        double yi = y[i];
        sum += yi * softplus(-s[i]) + (1 - yi) * softplus(s[i]);
      }
      return sum / rows;
    }
  };

  /**
   * The mean cost J over a row-major batch: {@code s} and {@code a} are the output layer's
   * pre-activations and activations, {@code y} the targets, each {@code rows} × {@code units};
   * {@code output} is the output layer's activation.
   */
  public abstract double value(
      Activation output, float[] s, float[] a, float[] y, int rows, int units);

  /**
   * BP1: δ^L = ∂J/∂a^L ⊙ f'(s^L) per example (not divided by the batch size) into {@code delta}.
   * ∂J/∂a^L is a − y for quadratic; for cross-entropy with softmax and binary cross-entropy with
   * sigmoid the whole product is a − y, because f' cancels against the loss's denominator.
   */
  public void outputDelta(
      Activation output, float[] s, float[] a, float[] y, float[] delta, int rows, int units) {
    int n = rows * units;
    for (int i = 0; i < n; i++) {
      delta[i] = a[i] - y[i];
    }
    if (this == QUADRATIC) {
      output.multiplyByDerivative(s, a, delta, n);
    }
  }

  /** ln(1 + e^x) without overflow. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  public static Loss fromName(String name) {
    return ApiNamed.parse(Loss.class, name, "loss");
  }
}
