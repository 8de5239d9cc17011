package dev.backprop.engine;

/**
 * What backpropagation does with a layer's gradients as soon as it has them: keep them ({@link
 * Gradients}) or take an optimiser step ({@link Update}).
 */
interface GradientSink {

  /** BP3 of layer l: ∂J/∂b^l, the batch mean of δ^l (the matrix is reused by the next batch). */
  void biasGradient(int l, Matrix gradB);

  /**
   * BP4 of layer l, given as its factors: ∂J/∂W^l = (1/m) δᵀ a^(l−1) over the m rows of the batch.
   * Handing over the factors lets sgd add the product straight into W^l.
   */
  void weightGradient(int l, Matrix delta, Matrix aPrev);
}
