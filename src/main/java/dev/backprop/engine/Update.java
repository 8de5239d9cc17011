package dev.backprop.engine;

/**
 * One optimiser algorithm ({@link Optimizer}) with its state, stepping each layer of a working
 * network as backpropagation hands over that layer's gradients, or stepping the weight rows of some
 * units on the gradient a split batch's slices hand over ({@link #stepWeightRows}), which lets the
 * threads of a {@link BatchSplit} each step their own units. Every algorithm is written once, as a
 * step on a {@link Span} of kernel operations, so it runs unchanged on either kernel, whole or in
 * ranges.
 *
 * <p>L2 regularisation adds λW to the weights' gradient (biases are not regularised): the weights
 * follow gradW + λW.
 */
abstract class Update implements GradientSink {
  final Kernel kernel;
  final Layers net;

  /** η, the learning rate. */
  final double eta;

  /** λ, the L2 coefficient. */
  final double l2;

  Update(Layers net, TrainingConfig config) {
    this.kernel = net.kernel;
    this.net = net;
    this.eta = config.learningRate();
    this.l2 = config.l2();
  }

  /** The algorithm the configuration names, for this working network. */
  static Update of(Layers net, TrainingConfig config) {
    return switch (config.optimizer()) {
      case SGD -> new SgdUpdate(net, config);
      case MOMENTUM -> new MomentumUpdate(net, config);
      case ADAM -> new AdamUpdate(net, config);
    };
  }

  /** The step on the span s of W^l, given its gradient ∂J/∂W^l (which it may overwrite). */
  abstract void stepWeights(int l, Matrix gradW, Span s);

  /** The step on the span s of b^l, given its gradient ∂J/∂b^l (which it may overwrite). */
  abstract void stepBiases(int l, Matrix gradB, Span s);

  @Override
  public void biasGradient(int l, Matrix gradB) {
    stepBiases(l, gradB, Span.whole(kernel, gradB.size()));
  }

  /**
   * The step on rows [from, to) of W^l (units from..to−1 of layer l) in a range phase, given the
   * weight gradient as the slices of a split batch hand it over: ∂J/∂W^l = Σ_s invM δ_sᵀ a_s over
   * the slices s in order, with invM = 1/(the batch's rows). These rows of the gradient are formed
   * in {@code gradW} (a matrix of W^l's shape that only this step's rows of it are written in),
   * then stepped; sgd adds the products straight into W^l instead.
   */
  void stepWeightRows(
      int l, int from, int to, SliceGradients[] slices, int count, double invM, Matrix gradW) {
    for (int s = 0; s < count; s++) {
      kernel.transposeMultiplyAddRows(
          (float) invM, slices[s].delta[l], slices[s].aPrev[l], s == 0 ? 0f : 1f, gradW, from, to);
    }
    int cols = gradW.cols();
    stepWeights(l, gradW, Span.range(kernel, from * cols, to * cols));
  }

  /**
   * Before range steps run (on one thread): the parameters and the algorithm's state matrices enter
   * a range phase ({@link Matrix#prepareRanges}).
   */
  void prepareRanges() {
    for (int l = 1; l <= net.L; l++) {
      net.W[l].prepareRanges();
      net.b[l].prepareRanges();
    }
  }

  /** Called before each batch's backward pass, or before the range steps of one batch. */
  void beginStep() {}

  /** Steps taken so far, for an algorithm whose update depends on it (Adam's bias correction). */
  long steps() {
    return 0;
  }

  /** Copies of the algorithm's state arrays, in a fixed order, for a {@link Checkpoint}. */
  float[][] state() {
    return new float[0][];
  }

  /** Puts back what {@link #steps()} and {@link #state()} returned. */
  void restore(long steps, float[][] state) {
    if (state.length != 0) {
      throw new IllegalArgumentException("this optimiser keeps no state");
    }
  }

  /** Copies {@code from} into a state array of the same length, or says it does not fit. */
  static void restoreInto(float[] from, float[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException(
          "optimiser state of " + from.length + " values where " + to.length + " belong");
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
