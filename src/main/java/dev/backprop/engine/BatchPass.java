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
    prepare(targets, order, start, m);
    batch.input().gatherRows(x, order, start);
    propagate(sink, false);
  }

  /**
   * The first part of {@link #run}: the buffers shaped for the rows {@code order[start..start+m)}
   * and their targets y gathered; {@link #run} then puts in their input a^0, a split batch their
   * products W^1 a^0 ({@link #firstWeightedInput()}).
   */
  void prepare(float[] targets, int[] order, int start, int m) {
    batch.prepare(net.units, m);
    int outputs = net.units[net.L];
    if (y.length < m * outputs) {
      y = new float[m * outputs];
    }
    ElementWise.gatherRows(targets, order, start, m, outputs, y);
  }

  /**
   * The second part of {@link #run}: the feedforward of the prepared rows, their loss and accuracy,
   * and backpropagation; {@code firstProducts}: W^1 a^0 is in {@link #firstWeightedInput()} already
   * ({@link Propagation#forward(Layers, Batch, boolean)}).
   */
  void propagate(GradientSink sink, boolean firstProducts) {
    int m = batch.rows();
    int outputs = net.units[net.L];
    Propagation.forward(net, batch, firstProducts);
    float[] s = batch.outputWeightedInput().read();
    float[] a = batch.output().read();
    loss = spec.loss().value(spec.outputActivation(), s, a, y, m, outputs);
    correct = Accuracy.correct(spec, a, y, m);
    Propagation.backward(net, batch, y, sink);
  }

  /** s^1 of the prepared rows, where W^1 a^0 may be computed outside this pass. */
  Matrix firstWeightedInput() {
    return batch.s[1];
  }

  /** δ^1 of the last run, after its backpropagation. */
  Matrix firstDelta() {
    return batch.delta[1];
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
