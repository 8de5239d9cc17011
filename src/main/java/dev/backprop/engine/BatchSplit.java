package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A training step with the batch split across threads (data parallelism), every phase of it in
 * parallel. The m rows are cut into consecutive slices, one per thread; each thread runs the one
 * feedforward and backpropagation ({@link BatchPass}) on its slice, on buffers of its own, keeping
 * the gradients' factors ({@link SliceGradients}), while the parameters are only read. Layer 1 is
 * the exception: each thread computes its products and its weights' step for its own units over the
 * whole batch ({@link FirstLayerByUnits}). After a barrier, each thread takes its own units of
 * every layer (about 1/threads of each layer's rows of W and entries of b): it forms those rows of
 * ∂J/∂W^l from every slice's δ and a in slice order and steps the optimiser on them ({@link
 * Update#stepWeightRows}; sgd adds the products straight into W^l, as one thread does), and adds
 * the slices' bias gradients for its units, each weighted by its rows / m since they are means. So
 * no thread writes a whole weight gradient that must then be added to the others' in a pass of its
 * own: measured in CPU time on 784-256-128-10 b128, a slice pass with its own whole gradient cost
 * 17% more per row than one thread's fused step.
 *
 * <p>The result depends on the number of threads (the gradient is summed in slices) but never on
 * how the threads were scheduled: each value is summed in slice order by the same operations, and
 * each thread's units are fixed by the thread count, so the same thread count gives the same bits
 * run after run, equal to one thread's within rounding.
 *
 * <p>The calling thread is thread 0; threads − 1 named daemon workers, made once per job, are the
 * others. Each step is one task for every thread, handed over through {@link SpinBarrier}s (as its
 * phases are), which spin briefly and then park; {@link #close()} ends the workers. Each sgemm runs
 * on one OpenBLAS thread ({@link Engine#initialize()}): two levels of threads on the same few cores
 * only get in each other's way.
 */
final class BatchSplit implements AutoCloseable {
  private static final AtomicInteger JOBS = new AtomicInteger();

  private final Layers net;
  private final BatchPass[] passes;
  private final SliceGradients[] shares;
  private final Matrix[] gradW; // the batch's weight gradients, for optimisers that keep them
  private final Matrix[] gradB; // the batch's bias gradients
  private final FirstLayerByUnits first;
  // A step passes four barriers: started (the workers wait for the step, thread 0 only arrives),
  // multiplied (every unit's W^1 a^0 is in), sliced (everyone waits for all slices' gradients) and
  // stepped (thread 0 waits for every range, the workers only arrive, then wait at started). Every
  // thread passes every barrier, a failed phase included, so that none waits for one that left.
  private final SpinBarrier started;
  private final SpinBarrier multiplied;
  private final SpinBarrier sliced;
  private final SpinBarrier stepped;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  // The step under way: written by thread 0 before the barrier that starts it.
  private FloatBuffer x;
  private float[] targets;
  private int[] order;
  private int start;
  private int m;
  private int slices;
  private Update update;
  private boolean closed;
  private int lastCorrect;

  BatchSplit(NetworkSpec spec, Layers net, int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException("a split needs at least 2 threads, was " + threads);
    }
    this.net = net;
    passes = new BatchPass[threads];
    shares = new SliceGradients[threads];
    for (int t = 0; t < threads; t++) {
      passes[t] = new BatchPass(spec, net);
      shares[t] = new SliceGradients(net.L);
    }
    gradW = new Matrix[net.L + 1];
    gradB = new Matrix[net.L + 1];
    for (int l = 1; l <= net.L; l++) {
      gradW[l] = net.kernel.matrix(net.units[l], net.units[l - 1]);
      gradB[l] = net.kernel.matrix(1, net.units[l]);
    }
    first = new FirstLayerByUnits(net, threads);
    started = new SpinBarrier(threads);
    multiplied = new SpinBarrier(threads);
    sliced = new SpinBarrier(threads);
    stepped = new SpinBarrier(threads);
    String prefix = "backprop-train-" + JOBS.incrementAndGet() + "-slice-";
    for (int t = 1; t < threads; t++) {
      int party = t;
      Thread worker = new Thread(() -> serve(party), prefix + t);
      worker.setDaemon(true);
      worker.start();
    }
  }

  /** Threads a batch is split across, the calling thread included. */
  int threads() {
    return passes.length;
  }

  /**
   * One step on the m rows {@code order[start..start+m)} of (x, targets), {@code update} stepping
   * on the summed gradients; returns the batch's loss J before the update.
   */
  double step(FloatBuffer x, float[] targets, int[] order, int start, int m, Update update) {
    if (closed) {
      throw new IllegalStateException("this split is closed");
    }
    net.settleForSharedReads();
    this.x = x;
    this.targets = targets;
    this.order = order;
    this.start = start;
    this.m = m;
    this.slices = Math.min(passes.length, m);
    this.update = update;
    update.beginStep(); // once per step, before any range steps
    first.prepare(m);
    started.arrive(); // the workers take the step
    work(0);
    stepped.await(0);
    Throwable failed = failure.getAndSet(null);
    if (failed instanceof RuntimeException r) {
      throw r;
    }
    if (failed instanceof Error error) {
      throw error;
    }
    return combine();
  }

  /** A worker thread: one step per task until the split is closed. */
  private void serve(int t) {
    while (true) {
      started.await(t);
      if (closed) {
        return;
      }
      work(t);
      stepped.arrive();
    }
  }

  /**
   * Thread t's share of a step: W^1 a^0 for its own units of layer 1 ({@link FirstLayerByUnits}),
   * then (after a barrier) the rest of its slice's feedforward and its backpropagation, then (after
   * another) its units of every layer's step.
   */
  private void work(int t) {
    multiplyFirstLayer(t); // a step starts with no failure: step() took the last one
    multiplied.await(t);
    if (t < slices && failure.get() == null) {
      propagateSlice(t);
    }
    sliced.await(t, this::prepareRanges);
    if (failure.get() == null) {
      stepRanges(t);
    }
  }

  private void multiplyFirstLayer(int t) {
    try {
      first.multiply(t, x, order, start, m, unitFrom(1, t), unitFrom(1, t + 1));
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  private void propagateSlice(int t) {
    try {
      BatchPass pass = passes[t];
      int from = sliceStart(t);
      pass.prepare(targets, order, from, sliceRows(t, slices, m));
      first.copySlice(pass.firstWeightedInput(), from - start);
      pass.propagate(shares[t], true);
      first.putSlice(pass.firstDelta(), from - start);
      shares[t].settle();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Once all slices are done, on one thread: the matrices the range steps use enter that phase. */
  private void prepareRanges() {
    try {
      for (int l = 1; l <= net.L; l++) {
        gradW[l].prepareRanges();
        gradB[l].prepareRanges();
      }
      update.prepareRanges();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Thread t's units of every layer: their gradients summed over the slices, and their step. */
  private void stepRanges(int t) {
    try {
      for (int l = 1; l <= net.L; l++) {
        int from = unitFrom(l, t);
        int to = unitFrom(l, t + 1);
        if (from < to) {
          if (l == 1) {
            update.stepWeightRows(l, from, to, first.gradients(t), 1, 1.0 / m, gradW[l]);
          } else {
            update.stepWeightRows(l, from, to, shares, slices, 1.0 / m, gradW[l]);
          }
          sumBiasGradients(l, from, to);
          update.stepBiases(l, gradB[l], Span.range(net.kernel, from, to));
        }
      }
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** ∂J/∂b^l over the units [from, to): the slices' means weighted by their rows, in order. */
  private void sumBiasGradients(int l, int from, int to) {
    float[] sum = gradB[l].heapForRange();
    java.util.Arrays.fill(sum, from, to, 0f);
    for (int t = 0; t < slices; t++) {
      // a slice's bias gradient is its columnMeans, newest on the heap
      ElementWise.axpy((float) weight(t), shares[t].gradB[l].read(), sum, from, to);
    }
    gradB[l].pushRange(from, to);
  }

  /** The batch's loss: the slices' losses weighted by their rows, in slice order. */
  private double combine() {
    double loss = 0;
    int correct = 0;
    for (int t = 0; t < slices; t++) {
      loss += weight(t) * passes[t].loss();
      correct += passes[t].correct();
    }
    lastCorrect = correct;
    return loss;
  }

  /** The first of thread t's units of layer l (t = threads: the layer's width). */
  private int unitFrom(int l, int t) {
    return net.units[l] * t / passes.length;
  }

  /** First row of slice t within order. */
  private int sliceStart(int t) {
    int from = start;
    for (int u = 0; u < t; u++) {
      from += sliceRows(u, slices, m);
    }
    return from;
  }

  /** Rows of slice t: m split as evenly as it goes, the first m mod slices one row longer. */
  private static int sliceRows(int t, int slices, int m) {
    return m / slices + (t < m % slices ? 1 : 0);
  }

  /** Slice t's share of a batch mean: its rows / the batch's rows. */
  private double weight(int t) {
    return (double) sliceRows(t, slices, m) / m;
  }

  /** Rows the feedforward of the last step classified correctly. */
  int lastCorrect() {
    return lastCorrect;
  }

  /** Ends the worker threads (they wait for the next step, so none is busy). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      started.arrive(); // the workers see closed and return
    }
  }
}
