package dev.backprop.engine;

/**
 * ∂J/∂W^l and ∂J/∂b^l of every layer l = 1..L for one batch, averaged over the batch (BP4, BP3),
 * valid until the next backward pass. Momentum and adam form their weight gradients here before
 * their step; tests read both.
 */
final class Gradients implements GradientSink {
  private final Kernel kernel;
  final Matrix[] gradW;
  final Matrix[] gradB;

  Gradients(Kernel kernel, int[] units) {
    this.kernel = kernel;
    int layers = units.length - 1;
    gradW = new Matrix[layers + 1];
    gradB = new Matrix[layers + 1];
    for (int l = 1; l <= layers; l++) {
      gradW[l] = kernel.matrix(units[l], units[l - 1]);
    }
  }

  @Override
  public void biasGradient(int l, Matrix gradB) {
    this.gradB[l] = gradB;
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    kernel.transposeMultiplyAdd(1f / delta.rows(), delta, aPrev, 0f, gradW[l]);
  }

  /** A copy of ∂J/∂W^l, row-major (row j = neuron j). */
  float[] weights(int l) {
    return java.util.Arrays.copyOf(gradW[l].read(), gradW[l].size());
  }

  /** A copy of ∂J/∂b^l. */
  float[] biases(int l) {
    return java.util.Arrays.copyOf(gradB[l].read(), gradB[l].size());
  }
}
