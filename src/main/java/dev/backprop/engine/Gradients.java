package dev.backprop.engine;

/**
 * ∂J/∂W and ∂J/∂b of every layer for one batch, averaged over the batch (BP3, BP4), in the same
 * layout as {@link Parameters}.
 */
public final class Gradients {
  final float[][] gradW;
  final float[][] gradB;

  Gradients(int[] units) {
    int layers = units.length - 1;
    gradW = new float[layers][];
    gradB = new float[layers][];
    for (int l = 0; l < layers; l++) {
      gradW[l] = new float[units[l + 1] * units[l]];
      gradB[l] = new float[units[l + 1]];
    }
  }

  public int layerCount() {
    return gradW.length;
  }

  /** A copy of ∂J/∂W of layer l, row-major (row j = neuron j). */
  public float[] weights(int l) {
    return gradW[l].clone();
  }

  /** A copy of ∂J/∂b of layer l. */
  public float[] biases(int l) {
    return gradB[l].clone();
  }
}
