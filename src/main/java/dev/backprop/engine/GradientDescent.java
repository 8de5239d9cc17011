package dev.backprop.engine;

/**
 * Mini-batch gradient descent on a working copy of the parameters, on one kernel: each step gathers
 * a batch, runs the feedforward, measures the loss, and backpropagates into the optimiser, which
 * updates each layer in place.
 */
final class GradientDescent {
  private final NetworkSpec spec;
  private final Layers net;
  private final Batch batch;
  private final Update update;
  private float[] y = new float[0];
  private int lastCorrect;

  GradientDescent(NetworkSpec spec, Parameters initial, TrainingConfig config, Kernel kernel) {
    this.spec = spec;
    this.net = Layers.copyOf(kernel, spec, initial);
    this.batch = new Batch(kernel, true);
    this.update = Update.of(net, config);
  }

  /**
   * One step on the m rows {@code rows[start..start+m)} of the row-major training set (x, y);
   * returns the batch's loss J before the update.
   */
  double step(float[] x, float[] targets, int[] rows, int start, int m) {
    batch.prepare(net.units, m);
    batch.input().gatherRows(x, rows, start);
    int outputs = net.units[net.L];
    if (y.length < m * outputs) {
      y = new float[m * outputs];
    }
    ElementWise.gatherRows(targets, rows, start, m, outputs, y);
    Propagation.forward(net, batch);
    float[] s = batch.outputWeightedInput().read();
    float[] a = batch.output().read();
    double j = spec.loss().value(spec.outputActivation(), s, a, y, m, outputs);
    lastCorrect = Accuracy.correct(spec, a, y, m);
    update.beginStep();
    Propagation.backward(net, batch, y, update);
    return j;
  }

  /** Rows classified correctly by the feedforward of the last step. */
  int lastCorrect() {
    return lastCorrect;
  }

  /** The optimiser's step count, for a {@link Checkpoint}. */
  long optimizerSteps() {
    return update.steps();
  }

  /** Copies of the optimiser's state arrays, for a {@link Checkpoint}. */
  float[][] optimizerState() {
    return update.state();
  }

  /** Puts back the optimiser's state from a {@link Checkpoint}. */
  void restoreOptimizer(long steps, float[][] state) {
    update.restore(steps, state);
  }

  /** A copy of the current parameters. */
  Parameters snapshot() {
    return net.snapshot();
  }
}
