package dev.backprop.engine;

/** Classical momentum: v ← μ v − η g, then w ← w + v, for weights and biases alike. */
final class MomentumUpdate extends Update {
  private final float mu;
  private final Gradients gradients;
  private final Matrix[] vW;
  private final Matrix[] vB;

  MomentumUpdate(Layers net, TrainingConfig config) {
    super(net, config);
    mu = (float) config.momentum();
    gradients = new Gradients(kernel, net.units);
    vW = new Matrix[net.L + 1];
    vB = new Matrix[net.L + 1];
    for (int l = 1; l <= net.L; l++) {
      vW[l] = kernel.matrix(net.units[l], net.units[l - 1]);
      vB[l] = kernel.matrix(1, net.units[l]);
    }
  }

  /** The velocities vW and vB of layer 1, then of layer 2, and so on. */
  @Override
  float[][] state() {
    float[][] state = new float[2 * net.L][];
    for (int l = 1; l <= net.L; l++) {
      state[2 * (l - 1)] = java.util.Arrays.copyOf(vW[l].read(), vW[l].size());
      state[2 * (l - 1) + 1] = java.util.Arrays.copyOf(vB[l].read(), vB[l].size());
    }
    return state;
  }

  @Override
  void restore(long steps, float[][] state) {
    if (state.length != 2 * net.L) {
      throw new IllegalArgumentException("not the state of momentum on " + net.L + " layers");
    }
    for (int l = 1; l <= net.L; l++) {
      restore(state[2 * (l - 1)], vW[l]);
      restore(state[2 * (l - 1) + 1], vB[l]);
    }
  }

  private static void restore(float[] from, Matrix v) {
    if (from.length != v.size()) {
      throw new IllegalArgumentException("momentum state does not fit its layer");
    }
    System.arraycopy(from, 0, v.overwrite(), 0, from.length);
  }

  @Override
  void prepareRanges() {
    super.prepareRanges();
    for (int l = 1; l <= net.L; l++) {
      vW[l].prepareRanges();
      vB[l].prepareRanges();
    }
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    gradients.weightGradient(l, delta, aPrev);
    Matrix gradW = gradients.gradW[l];
    stepWeights(l, gradW, Span.whole(kernel, gradW.size()));
  }

  @Override
  void stepWeights(int l, Matrix gradW, Span s) {
    step(net.W[l], gradW, vW[l], l2, s);
  }

  @Override
  void stepBiases(int l, Matrix gradB, Span s) {
    step(net.b[l], gradB, vB[l], 0, s);
  }

  private void step(Matrix w, Matrix g, Matrix v, double lambda, Span s) {
    if (lambda != 0) {
      s.axpy((float) lambda, w, g); // g ← g + λ w
    }
    s.scale(mu, v);
    s.axpy((float) -eta, g, v); // v ← μ v − η g
    s.axpy(1f, v, w); // w ← w + v
  }
}
