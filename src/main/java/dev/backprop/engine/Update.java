package dev.backprop.engine;

/**
 * One optimiser algorithm ({@link Optimizer}) with its state, stepping each layer of a working
 * network as backpropagation hands over that layer's gradients. Every algorithm is written once, on
 * kernel operations, so it runs unchanged on either kernel.
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

  /**
   * Layer l's weight gradient ∂J/∂W^l given whole (the batch mean, summed from the slices of a
   * batch split across threads): the same step as {@link #weightGradient(int, Matrix, Matrix)}
   * takes on the product of the factors. {@code gradW} may be overwritten.
   */
  abstract void weightGradient(int l, Matrix gradW);

  /** Called before each batch's backward pass. */
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
