package dev.backprop.engine;

import java.nio.FloatBuffer;

/**
 * Mini-batch gradient descent on a working copy of the parameters, on one kernel: each step gathers
 * a batch, runs the feedforward, measures the loss, and backpropagates into the optimiser, which
 * updates each layer in place. With more than one thread, each batch is split across them ({@link
 * BatchSplit}); {@link #close()} stops those threads.
 */
final class GradientDescent implements AutoCloseable {
  private final Layers net;
  private final BatchPass pass;
  private final BatchSplit split; // null: one thread
  private final Update update;
  private int lastCorrect;

  GradientDescent(NetworkSpec spec, Parameters initial, TrainingConfig config, Kernel kernel) {
    this(spec, initial, config, kernel, 1);
  }

  GradientDescent(
      NetworkSpec spec, Parameters initial, TrainingConfig config, Kernel kernel, int threads) {
    this.net = Layers.copyOf(kernel, spec, initial);
    this.pass = new BatchPass(spec, net);
    this.split = threads > 1 ? new BatchSplit(spec, net, threads) : null;
    this.update = Update.of(net, config);
  }

  /**
   * One step on the m rows {@code rows[start..start+m)} of the row-major training set (x, y);
   * returns the batch's loss J before the update.
   */
  double step(FloatBuffer x, float[] targets, int[] rows, int start, int m) {
    if (split != null) { // the split begins the optimiser's step itself
      double j = split.step(x, targets, rows, start, m, update);
      lastCorrect = split.lastCorrect();
      return j;
    }
    update.beginStep();
    pass.run(x, targets, rows, start, m, update);
    lastCorrect = pass.correct();
    return pass.loss();
  }

  /** Threads each batch is split across. */
  int threads() {
    return split != null ? split.threads() : 1;
  }

  /** Rows classified correctly by the feedforward of the last step. */
  int lastCorrect() {
    return lastCorrect;
  }

  /** The optimiser's step count, for a {@link Checkpoint}. */
  long optimizerSteps() {
    drain();
    return update.steps();
  }

  /** Copies of the optimiser's state arrays, for a {@link Checkpoint}. */
  float[][] optimizerState() {
    drain();
    return update.state();
  }

  /** Puts back the optimiser's state from a {@link Checkpoint}. */
  void restoreOptimizer(long steps, float[][] state) {
    drain();
    update.restore(steps, state);
  }

  /** A copy of the current parameters. */
  Parameters snapshot() {
    drain();
    return net.snapshot();
  }

  /** A split step returns before the other threads' last phase ends: wait for it. */
  private void drain() {
    if (split != null) {
      split.drain();
    }
  }

  /** Stops the threads of a split batch, if any. */
  @Override
  public void close() {
    if (split != null) {
      split.close();
    }
  }
}
