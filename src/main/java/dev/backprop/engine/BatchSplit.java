package dev.backprop.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A training step with the batch split across threads (data parallelism). The m rows are cut into
 * consecutive slices, one per thread; each thread runs the one feedforward and backpropagation
 * ({@link BatchPass}) on its slice, on buffers of its own, into its own gradient sums ({@link
 * SliceGradients}), while the parameters are only read. Then the calling thread adds the slices'
 * gradients, loss and correct rows in a fixed order (slice 0, then 1, ...), each weighted by its
 * rows / m since they are means, and hands the sums to the one optimiser as a single-threaded step
 * would. The result depends on the number of threads (float sums in another order) but never on how
 * the threads were scheduled: the same thread count gives the same bits run after run.
 *
 * <p>The calling thread runs slice 0 itself; a fixed pool of threads − 1 named daemon workers, made
 * once per job, runs the others, and {@link #close()} stops it. Each sgemm runs on one OpenBLAS
 * thread ({@link Engine#initialize()}): two levels of threads on the same few cores only get in
 * each other's way.
 */
final class BatchSplit implements AutoCloseable {
  private static final AtomicInteger JOBS = new AtomicInteger();

  private final Layers net;
  private final BatchPass[] passes;
  private final SliceGradients[] shares;
  private final Matrix[] gradB;
  private final ExecutorService workers;
  private final Future<?>[] pending;
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
    workers = Executors.newFixedThreadPool(threads - 1, workerThreads());
    pending = new Future<?>[threads];
  }

  private static java.util.concurrent.ThreadFactory workerThreads() {
    String prefix = "backprop-train-" + JOBS.incrementAndGet() + "-slice-";
    AtomicInteger next = new AtomicInteger(1);
    return task -> {
      Thread thread = new Thread(task, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Threads a batch is split across, the calling thread included. */
  int threads() {
    return passes.length;
  }

  /**
   * One step on the m rows {@code order[start..start+m)} of (x, targets), {@code update} stepping
   * on the summed gradients; returns the batch's loss J before the update.
   */
  double step(float[] x, float[] targets, int[] order, int start, int m, Update update) {
    int slices = Math.min(passes.length, m);
    net.settleForSharedReads();
    int from = start;
    for (int t = 1; t < slices; t++) {
      from += sliceRows(t - 1, slices, m);
      BatchPass pass = passes[t];
      SliceGradients share = shares[t];
      int sliceStart = from;
      int rows = sliceRows(t, slices, m);
      share.batchRows(m);
      pending[t] = workers.submit(() -> pass.run(x, targets, order, sliceStart, rows, share));
    }
    shares[0].batchRows(m);
    passes[0].run(x, targets, order, start, sliceRows(0, slices, m), shares[0]);
    for (int t = 1; t < slices; t++) {
      await(pending[t]);
    }
    return combine(slices, m, update);
  }

  /** Adds the slices' results in slice order and steps the optimiser as backpropagation would. */
  private double combine(int slices, int m, Update update) {
    double loss = 0;
    int correct = 0;
    for (int t = 0; t < slices; t++) {
      loss += weight(t, slices, m) * passes[t].loss();
      correct += passes[t].correct();
    }
    lastCorrect = correct;
    Kernel k = net.kernel;
    update.beginStep();
    for (int l = net.L; l >= 1; l--) {
      float[] sum = gradB[l].overwrite();
      int n = gradB[l].size();
      java.util.Arrays.fill(sum, 0, n, 0f);
      for (int t = 0; t < slices; t++) {
        ElementWise.axpy((float) weight(t, slices, m), shares[t].gradB[l].read(), sum, n);
      }
      Matrix gradW = shares[0].gradW[l];
      for (int t = 1; t < slices; t++) {
        k.axpy(1f, shares[t].gradW[l], gradW);
      }
      gradW.prepareRanges();
      gradB[l].prepareRanges();
    }
    update.prepareRanges();
    update.stepRange(0, update.space.size(), shares[0].gradW, gradB); // one range: the whole net
    return loss;
  }

  /** Rows of slice t: m split as evenly as it goes, the first m mod slices one row longer. */
  private static int sliceRows(int t, int slices, int m) {
    return m / slices + (t < m % slices ? 1 : 0);
  }

  /** Slice t's share of a batch mean: its rows / the batch's rows. */
  private static double weight(int t, int slices, int m) {
    return (double) sliceRows(t, slices, m) / m;
  }

  /** Rows the feedforward of the last step classified correctly. */
  int lastCorrect() {
    return lastCorrect;
  }

  /**
   * Waits for a slice. An interrupt does not cut the wait short (the slice still uses the shared
   * buffers) but is kept for the caller, as a step on one thread ignores it too: training stops
   * through its cancellation check.
   */
  private static void await(Future<?> slice) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          slice.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the worker threads (a running slice finishes first). */
  @Override
  public void close() {
    workers.shutdown();
  }
}
