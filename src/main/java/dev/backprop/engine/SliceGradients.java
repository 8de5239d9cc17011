package dev.backprop.engine;

/**
 * One thread's share of a batch's gradients when the batch is split across threads: the sums over
 * its slice of rows, divided by the rows of the whole batch, so that adding the shares of all
 * slices gives the batch mean. For the weights that is (1/m) δᵀ a^(l−1) over the slice, the slice's
 * own mean weighted by its rows / the batch's rows folded into one factor; the bias gradient
 * arrives as the slice's mean and is weighted when the shares are added ({@link BatchSplit}).
 */
final class SliceGradients implements GradientSink {
  private final Kernel kernel;
  final Matrix[] gradW;
  final Matrix[] gradB;
  private float invBatchRows;

  SliceGradients(Kernel kernel, int[] units) {
    this.kernel = kernel;
    int layers = units.length - 1;
    gradW = new Matrix[layers + 1];
    gradB = new Matrix[layers + 1];
    for (int l = 1; l <= layers; l++) {
      gradW[l] = kernel.matrix(units[l], units[l - 1]);
    }
  }

  /** The rows m of the batch the next slice belongs to. */
  void batchRows(int m) {
    invBatchRows = (float) (1.0 / m);
  }

  @Override
  public void biasGradient(int l, Matrix gradB) {
    this.gradB[l] = gradB; // the slice's buffer, valid until its next pass
  }

  @Override
  public void weightGradient(int l, Matrix delta, Matrix aPrev) {
    kernel.transposeMultiplyAdd(invBatchRows, delta, aPrev, 0f, gradW[l]);
  }
}
