package dev.backprop.engine;

/**
 * One slice's gradients when a batch is split across threads ({@link BatchSplit}), kept as
 * backpropagation hands them over: the bias gradient as the slice's mean of δ^l, the weight
 * gradient as its factors δ^l and a^(l−1) over the slice's rows (the pass's own buffers, valid
 * until its next run). Nothing is multiplied here: the slice's thread copies the factors into the
 * whole batch's (its rows of them), and after all slices are done each thread forms the rows of
 * ∂J/∂W^l for its own units from the whole batch's factors in one product ({@link
 * Update#stepWeightRows}), so no thread writes a whole weight gradient that another must then add
 * up, and sgd adds the product straight into W^l as one thread does.
 */
final class SliceGradients implements GradientSink {
  final Matrix[] delta;
  final Matrix[] aPrev;
  final Matrix[] gradB;

  SliceGradients(int layers) {
    delta = new Matrix[layers + 1];
    aPrev = new Matrix[layers + 1];
    gradB = new Matrix[layers + 1];
  }

  @Override
  public void biasGradient(int l, Matrix gradB) {
    this.gradB[l] = gradB;
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    this.delta[l] = delta;
    this.aPrev[l] = aPrev;
  }

  /**
   * On the slice's own thread, after its pass: its δ^l and a^(l−1) into rows {@code row} on of the
   * whole batch's (each thread its own rows, see {@link Matrix#copyRowsTo}).
   */
  void copyInto(Matrix[] batchDelta, Matrix[] batchAPrev, int row) {
    for (int l = 1; l < delta.length; l++) {
      delta[l].copyRowsTo(batchDelta[l], row);
      aPrev[l].copyRowsTo(batchAPrev[l], row);
    }
  }
}
