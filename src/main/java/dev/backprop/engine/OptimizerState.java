package dev.backprop.engine;

/**
 * The optimiser's memory for the plain-Java path (velocity for momentum, first and second moments
 * and step count for adam), kept outside the network. L2 is applied here: the effective gradient of
 * the weights is gradW + l2·W (biases are not regularised).
 */
public final class OptimizerState {
  private final Optimizer optimizer;
  private final float momentum;
  private final float[][] vW; // momentum: velocity; adam: first moment m
  private final float[][] vB;
  private final float[][] sW; // adam: second moment v
  private final float[][] sB;
  private long t;

  OptimizerState(Optimizer optimizer, double momentum, int[] units) {
    this.optimizer = optimizer;
    this.momentum = (float) momentum;
    int layers = units.length - 1;
    boolean first = optimizer != Optimizer.SGD;
    boolean second = optimizer == Optimizer.ADAM;
    vW = first ? new float[layers][] : null;
    vB = first ? new float[layers][] : null;
    sW = second ? new float[layers][] : null;
    sB = second ? new float[layers][] : null;
    for (int l = 0; l < layers; l++) {
      int nW = units[l + 1] * units[l];
      if (first) {
        vW[l] = new float[nW];
        vB[l] = new float[units[l + 1]];
      }
      if (second) {
        sW[l] = new float[nW];
        sB[l] = new float[units[l + 1]];
      }
    }
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** Number of updates applied so far. */
  public long steps() {
    return t;
  }

  /** One update of W and b (internal arrays of the trainer's working parameters) from g. */
  void apply(float[][] w, float[][] b, Gradients g, double learningRate, double l2) {
    t++;
    float eta = (float) learningRate;
    float lambda = (float) l2;
    for (int l = 0; l < w.length; l++) {
      if (lambda != 0f) {
        float[] gw = g.gradW[l];
        float[] wl = w[l];
        for (int i = 0; i < gw.length; i++) {
          gw[i] += lambda * wl[i];
        }
      }
      switch (optimizer) {
        case SGD -> {
          sgd(w[l], g.gradW[l], eta);
          sgd(b[l], g.gradB[l], eta);
        }
        case MOMENTUM -> {
          momentum(w[l], g.gradW[l], vW[l], eta, momentum);
          momentum(b[l], g.gradB[l], vB[l], eta, momentum);
        }
        case ADAM -> {
          double c1 = 1 - Math.pow(Optimizer.ADAM_BETA1, t);
          double c2 = 1 - Math.pow(Optimizer.ADAM_BETA2, t);
          adam(w[l], g.gradW[l], vW[l], sW[l], eta, c1, c2);
          adam(b[l], g.gradB[l], vB[l], sB[l], eta, c1, c2);
        }
      }
    }
  }

  static void sgd(float[] w, float[] g, float eta) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= eta * g[i];
    }
  }

  static void momentum(float[] w, float[] g, float[] v, float eta, float mu) {
    for (int i = 0; i < w.length; i++) {
      v[i] = mu * v[i] - eta * g[i];
      w[i] += v[i];
    }
  }

  static void adam(float[] w, float[] g, float[] m, float[] v, float eta, double c1, double c2) {
    float b1 = (float) Optimizer.ADAM_BETA1;
    float b2 = (float) Optimizer.ADAM_BETA2;
    float eps = (float) Optimizer.ADAM_EPSILON;
    float inv1 = (float) (1 / c1);
    float inv2 = (float) (1 / c2);
    for (int i = 0; i < w.length; i++) {
      float gi = g[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      float mHat = m[i] * inv1;
      float vHat = v[i] * inv2;
      w[i] -= eta * mHat / ((float) Math.sqrt(vHat) + eps);
    }
  }
}
