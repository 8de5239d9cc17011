package dev.backprop.engine;

/**
 * Gradient descent: W ← W − η (gradW + λW), b ← b − η gradB. For the weights this is (1 − ηλ) W −
 * (η/m) δᵀ a^(l−1), one product added straight into W: the weight gradient is never stored, which
 * saves a pass over every weight per step.
 */
final class SgdUpdate extends Update {

  SgdUpdate(Layers net, TrainingConfig config) {
    super(net, config);
  }

  @Override
  public void biasGradient(int l, Matrix gradB) {
    kernel.axpy((float) -eta, gradB, net.b[l]);
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    double invM = 1.0 / delta.rows();
    kernel.transposeMultiplyAdd(
        (float) (-eta * invM), delta, aPrev, (float) (1.0 - eta * l2), net.W[l]);
  }

  @Override
  void weightGradient(int l, Matrix gradW) {
    Matrix w = net.W[l];
    if (l2 != 0) {
      kernel.scale((float) (1.0 - eta * l2), w);
    }
    kernel.axpy((float) -eta, gradW, w);
  }
}
