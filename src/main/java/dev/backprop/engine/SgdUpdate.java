package dev.backprop.engine;

/**
 * Gradient descent: W ← W − η (gradW + λW), b ← b − η gradB. Backpropagation on one thread hands
 * over the weight gradient as its factors, and the step becomes (1 − ηλ) W − (η/m) δᵀ a^(l−1), one
 * product added straight into W: the weight gradient is never stored, which saves a pass over every
 * weight per step; a split batch's threads add their units' rows of it straight into W the same way
 * ({@link #stepWeightRows}). Given the gradient itself, the step is {@link #step}.
 */
final class SgdUpdate extends Update {

  SgdUpdate(Layers net, TrainingConfig config) {
    super(net, config);
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    double invM = 1.0 / delta.rows();
    kernel.transposeMultiplyAdd(
        (float) (-eta * invM), delta, aPrev, (float) (1.0 - eta * l2), net.W[l]);
  }

  /** On a split batch as on one thread: each slice's product added straight into W^l's rows. */
  @Override
  void stepWeightRows(
      int l, int from, int to, SliceGradients[] slices, int count, double invM, Matrix gradW) {
    float alpha = (float) (-eta * invM);
    for (int s = 0; s < count; s++) {
      float beta = s == 0 ? (float) (1.0 - eta * l2) : 1f;
      kernel.transposeMultiplyAddRows(
          alpha, slices[s].delta[l], slices[s].aPrev[l], beta, net.W[l], from, to);
    }
  }

  @Override
  void stepWeights(int l, Matrix gradW, Span s) {
    step(net.W[l], gradW, l2, s);
  }

  @Override
  void stepBiases(int l, Matrix gradB, Span s) {
    step(net.b[l], gradB, 0, s);
  }

  /** w ← (1 − ηλ) w − η g on the span. */
  private void step(Matrix w, Matrix g, double lambda, Span s) {
    if (lambda != 0) {
      s.scale((float) (1.0 - eta * lambda), w);
    }
    s.axpy((float) -eta, g, w);
  }
}
