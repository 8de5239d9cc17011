package dev.backprop.engine;

/**
 * One feedforward of a network's parameters over some rows, on the kernel chosen for that many rows
 * and on the calling thread's buffers ({@link Scratch}): fill {@link #input()}, then {@link
 * #run()}. The values stay valid until the thread's next feedforward.
 */
final class Feedforward {
  private final Layers net;
  private final Batch batch;

  Feedforward(NetworkSpec spec, Parameters p, int rows) {
    this(spec, p, rows, KernelChoice.forBatch(p.unitsArray(), rows));
  }

  /** On a given kernel (a prediction's choice, or a benchmark's). */
  Feedforward(NetworkSpec spec, Parameters p, int rows, Kernel kernel) {
    net = Layers.readOnly(kernel, spec, p);
    batch = Scratch.batch(kernel, p.unitsArray(), rows);
  }

  /** The input a^0, rows × inputs row-major, to be filled entirely. */
  float[] input() {
    return batch.input().overwrite();
  }

  /** Runs the feedforward; the batch holds s^l and a^l of every layer. */
  Batch run() {
    Propagation.forward(net, batch);
    return batch;
  }
}
