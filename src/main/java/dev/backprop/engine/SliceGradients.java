package dev.backprop.engine;

/**
 * One slice's gradients when a batch is split across threads ({@link BatchSplit}), kept as
 * backpropagation hands them over: the bias gradient as the slice's mean of δ^l, the weight
 * gradient as its factors δ^l and a^(l−1) over the slice's rows (the pass's own buffers, valid
 * until its next run). Nothing is multiplied here: after all slices are done, each thread forms the
 * rows of ∂J/∂W^l for its own units from every slice's factors, in slice order ({@link
 * Update#stepWeightRows}), so no thread writes a whole gradient of its own that another must then
 * add up, and sgd adds the products straight into W^l as one thread does.
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
   * On the slice's own thread, after its pass: the factors' native sides brought up to date, so
   * that every thread may read them at once without copying anything (see {@link
   * Matrix#settleNative}).
   */
  void settle() {
    for (int l = 1; l < delta.length; l++) {
      delta[l].settleNative();
      aPrev[l].settleNative();
    }
  }
}
