package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A training step with the batch split across threads (data parallelism), every phase of it in
 * parallel. The m rows are cut into consecutive slices, one per thread; each thread runs the one
 * feedforward and backpropagation ({@link BatchPass}) on its slice, on buffers of its own, into its
 * own gradient sums ({@link SliceGradients}), while the parameters are only read. After a barrier,
 * each thread takes its own range of the parameters (the flat space W¹, b¹, W², … cut into equal
 * ranges, {@link ParameterSpace#cuts}): it adds the slices' gradients over that range in slice
 * order (0, then 1, ...), each weighted by its rows / m since they are means, and steps the
 * optimiser on that range ({@link Update#stepRange}). Each step passes its barriers (below).
 *
 * <p>The result depends on the number of threads (float sums in another order) but never on how the
 * threads were scheduled: each value is summed in slice order and stepped by the same operations
 * wherever the range cuts fall, so the same thread count gives the same bits run after run.
 * Compared with summing and stepping the whole network on one thread (as this class did before),
 * the bits differ within rounding: the range steps run every vector operation in BLAS, whose saxpy
 * may round otherwise than the Java loop (the whole-layer steps ran the biases' in Java).
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
  private final Matrix[] gradB; // the summed bias gradients; the weights' are summed in shares[0]
  private final int[] cuts; // thread t steps the parameters [cuts[t], cuts[t+1])
  private final ParameterSpace space;
  // A step passes three barriers: started (the workers wait for the step, thread 0 only arrives),
  // sliced (everyone waits for all slices' gradients) and stepped (thread 0 waits for every range,
  // the workers only arrive, then wait at started). Each thread so waits at most twice per step.
  private final SpinBarrier started;
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
      shares[t] = new SliceGradients(net.kernel, net.units);
    }
    gradB = new Matrix[net.L + 1];
    for (int l = 1; l <= net.L; l++) {
      gradB[l] = net.kernel.matrix(1, net.units[l]);
    }
    space = new ParameterSpace(net.units);
    cuts = space.cuts(threads);
    started = new SpinBarrier(threads);
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
    for (int t = 0; t < slices; t++) {
      shares[t].batchRows(m);
    }
    update.beginStep(); // once per step, before any range steps
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

  /** Thread t's share of a step: its slice, then (after the barrier) its range of parameters. */
  private void work(int t) {
    try {
      if (t < slices) {
        passes[t].run(x, targets, order, sliceStart(t), sliceRows(t, slices, m), shares[t]);
      }
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
    sliced.await(t, this::prepareRanges);
    if (failure.get() != null) {
      return;
    }
    try {
      sumGradients(cuts[t], cuts[t + 1]);
      update.stepRange(cuts[t], cuts[t + 1], shares[0].gradW, gradB);
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Once all slices are done, on one thread: the matrices the range steps use enter that phase. */
  private void prepareRanges() {
    try {
      for (int t = 0; t < slices; t++) {
        for (int l = 1; l <= net.L; l++) {
          shares[t].gradW[l].prepareRanges();
        }
      }
      for (int l = 1; l <= net.L; l++) {
        gradB[l].prepareRanges();
      }
      update.prepareRanges();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /**
   * The batch's gradients over the parameters [from, to): the weights' summed into shares[0] (each
   * share is already weighted), the biases' weighted and summed into gradB, in slice order.
   */
  private void sumGradients(int from, int to) {
    Kernel k = net.kernel;
    space.forEach(
        from,
        to,
        (l, weights, lo, hi) -> {
          if (weights) {
            for (int t = 1; t < slices; t++) {
              k.axpy(1f, shares[t].gradW[l], shares[0].gradW[l], lo, hi);
            }
          } else {
            float[] sum = gradB[l].heapForRange();
            java.util.Arrays.fill(sum, lo, hi, 0f);
            for (int t = 0; t < slices; t++) {
              // a slice's bias gradient is its columnMeans, newest on the heap
              ElementWise.axpy((float) weight(t), shares[t].gradB[l].read(), sum, lo, hi);
            }
            gradB[l].pushRange(lo, hi);
          }
        });
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
