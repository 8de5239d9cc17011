package dev.backprop.engine;

import java.nio.FloatBuffer;

/**
 * The feedforward, loss, accuracy and backpropagation of m rows of a training set, on buffers of
 * its own: a whole batch on one thread, or one thread's slice of a batch split across threads
 * ({@link BatchSplit}). The gradients go to the sink the caller gives.
 */
final class BatchPass {
  private final NetworkSpec spec;
  private final Layers net;
  private final Batch batch;
  private float[] y = new float[0];
  private double loss;
  private int correct;

  BatchPass(NetworkSpec spec, Layers net) {
    this.spec = spec;
    this.net = net;
    this.batch = new Batch(net.kernel, true);
  }

  /**
   * The rows {@code order[start..start+m)} of the row-major training set (x, targets) through the
   * network and back, the gradients to {@code sink}; reads the parameters, changes them only
   * through the sink.
   */
  void run(FloatBuffer x, float[] targets, int[] order, int start, int m, GradientSink sink) {
    batch.prepare(net.units, m);
    batch.input().gatherRows(x, order, start);
    int outputs = net.units[net.L];
    if (y.length < m * outputs) {
      y = new float[m * outputs];
    }
    ElementWise.gatherRows(targets, order, start, m, outputs, y);
    Propagation.forward(net, batch);
    float[] s = batch.outputWeightedInput().read();
    float[] a = batch.output().read();
    loss = spec.loss().value(spec.outputActivation(), s, a, y, m, outputs);
    correct = Accuracy.correct(spec, a, y, m);
    Propagation.backward(net, batch, y, sink);
  }

  /** The mean loss J over the rows of the last run. */
  double loss() {
    return loss;
  }

  /** Rows the feedforward of the last run classified correctly. */
  int correct() {
    return correct;
  }
}
