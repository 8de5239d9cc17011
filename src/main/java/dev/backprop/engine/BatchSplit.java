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
 * whole batch ({@link FirstLayerByUnits}). After a barrier, each thread steps its own units of
 * every layer on the slices' gradients summed in slice order ({@link SplitRanges}). So no thread
 * writes a whole weight gradient that must then be added to the others' in a pass of its own:
 * measured in CPU time on 784-256-128-10 b128, a slice pass with its own whole gradient cost 17%
 * more per row than one thread's fused step.
 *
 * <p>The result depends on the number of threads (the gradient is summed in slices) but never on
 * how the threads were scheduled: each value is summed in slice order by the same operations, and
 * each thread's units are fixed by the thread count, so the same thread count gives the same bits
 * run after run, equal to one thread's within rounding.
 *
 * <p>The calling thread is thread 0; threads − 1 named daemon workers, made once per job, are the
 * others. Each step is handed to the workers through a {@link SpinBarrier}, as its phases are; they
 * spin briefly, yield, and then park. A step passes two barriers that every thread waits at: after
 * layer 1's products, and after the slices. The last phase, each thread's ranges, is not waited
 * for: thread 0 returns as soon as its own ranges are stepped, and each thread goes on from its
 * ranges to its products for the next step, which read and write only its own units of layer 1. So
 * a step's end and the next one's start cost no wait and no wake-up. Measured with timestamps on a
 * 2-core KVM machine (784-256-128-10, batch 128, about 1.3 ms a step), in one wait of ten the
 * waiting thread went on more than 100 µs after the last one arrived (a wake-up, or another thread
 * on its core), and with four barriers a step lost a quarter of its time to waits; with two, jobs
 * ran 1.10x as fast. Whatever reads the parameters or the optimiser's state between steps must
 * {@link #drain()} first; {@link #close()} drains and ends the workers. Each sgemm runs on one
 * OpenBLAS thread ({@link Engine#initialize()}): two levels of threads on the same few cores only
 * get in each other's way.
 */
final class BatchSplit implements AutoCloseable {
  private static final AtomicInteger JOBS = new AtomicInteger();

  private final Layers net;
  private final BatchPass[] passes;
  private final SliceGradients[] shares;
  private final FirstLayerByUnits first;
  private final SplitRanges ranges;
  // started: the workers wait there for the next step (or for a drain, or the end) after their
  // ranges; thread 0 only arrives, handing the step over, except when it drains. multiplied: every
  // unit's W^1 a^0 is in (and every range of the last step is stepped). sliced: every slice's
  // gradients are in. Every thread passes every barrier, a failed phase included, so that none
  // waits for one that left.
  private final SpinBarrier started;
  private final SpinBarrier multiplied;
  private final SpinBarrier sliced;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  // What the workers do after each pass of started, by the pass's number mod 2: a step, nothing (a
  // drain) or END. Bound to the pass, because after a drain's pass thread 0 may hand the next step
  // over (or close) before a worker has looked; it cannot get two passes ahead, since each step
  // waits for every worker.
  private static final SplitStep END = new SplitStep(null, null, null, 0, 0, 1, null, 0);
  private final SplitStep[] handed = new SplitStep[2];
  private int handedOver; // thread 0's passes of started so far
  private boolean inFlight; // thread 0's: the workers may still be stepping the last step's ranges
  private boolean closed; // thread 0's
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
    first = new FirstLayerByUnits(net, threads);
    ranges = new SplitRanges(net, threads);
    started = new SpinBarrier(threads);
    multiplied = new SpinBarrier(threads);
    sliced = new SpinBarrier(threads);
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
   * on the summed gradients; returns the batch's loss J before the update. The workers may still be
   * stepping their ranges when it returns ({@link #drain()}); a failure there surfaces from the
   * next step or the drain.
   */
  double step(FloatBuffer x, float[] targets, int[] order, int start, int m, Update update) {
    if (closed) {
      throw new IllegalStateException("this split is closed");
    }
    if (!inFlight) {
      net.settleForSharedReads(); // layer 1's products read W^1 before any barrier
    }
    int slot = handedOver++ & 1; // also the step's set of shared matrices (see SplitStep)
    SplitStep next =
        new SplitStep(x, targets, order, start, m, Math.min(passes.length, m), update, slot);
    first.prepare(next);
    handed[slot] = next;
    inFlight = true;
    started.arrive(); // the workers take the step once their ranges of the last one are stepped
    work(0, next);
    Throwable failed = failure.getAndSet(null);
    if (failed != null) {
      first.forgetAhead();
      rethrow(failed);
    }
    return combine(next);
  }

  /**
   * Waits until the workers have stepped their ranges of the last step, so that the parameters and
   * the optimiser's state are whole and visible to the calling thread; throws what failed there.
   */
  void drain() {
    settle();
    rethrow(failure.getAndSet(null));
  }

  private void settle() {
    if (inFlight) {
      handed[handedOver++ & 1] = null;
      started.await(0); // the workers arrive there only between steps
      inFlight = false;
    }
  }

  private static void rethrow(Throwable failed) {
    if (failed instanceof RuntimeException r) {
      throw r;
    }
    if (failed instanceof Error error) {
      throw error;
    }
  }

  /** A worker thread: what each pass of started hands over, until the split is closed. */
  private void serve(int t) {
    for (int pass = 0; ; pass++) {
      started.await(t);
      SplitStep task = handed[pass & 1];
      if (task == END) {
        return;
      }
      if (task != null) {
        work(t, task);
      }
    }
  }

  /**
   * Thread t's share of a step: W^1 a^0 for its own units of layer 1 ({@link FirstLayerByUnits}),
   * then (after a barrier, whose last thread brings the biases the slices read up to date from the
   * last range phase and guesses the next step) the rest of its slice's feedforward and its
   * backpropagation and its share of the next step's input ({@link InputAhead}), then (after
   * another, whose last thread prepares the range phase) its units of every layer's step.
   */
  private void work(int t, SplitStep task) {
    guarded(() -> first.multiply(t, task, ranges.unitFrom(1, t), ranges.unitFrom(1, t + 1)));
    multiplied.await(
        t,
        () -> {
          guarded(net::settleForSharedReads);
          guarded(() -> first.guessNext(task));
        });
    if (t < task.slices() && failure.get() == null) {
      guarded(() -> propagateSlice(t, task));
    }
    guarded(() -> first.gatherAhead(t, passes.length));
    sliced.await(t, () -> guarded(() -> ranges.prepare(task.update())));
    if (failure.get() == null) {
      guarded(() -> ranges.step(t, task, first.gradients(t, task), shares));
    }
  }

  /** Runs a phase; what it throws is kept for thread 0 to throw, and the thread goes on. */
  private void guarded(Runnable phase) {
    try {
      phase.run();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  private void propagateSlice(int t, SplitStep task) {
    BatchPass pass = passes[t];
    int from = task.sliceStart(t);
    pass.prepare(task.targets(), task.order(), from, task.sliceRows(t));
    first.copySlice(task, pass.firstWeightedInput(), from - task.start());
    pass.propagate(shares[t], true);
    first.putSlice(task, pass.firstDelta(), from - task.start());
    shares[t].settle();
  }

  /** The batch's loss: the slices' losses weighted by their rows, in slice order. */
  private double combine(SplitStep task) {
    double loss = 0;
    int correct = 0;
    for (int t = 0; t < task.slices(); t++) {
      loss += task.weight(t) * passes[t].loss();
      correct += passes[t].correct();
    }
    lastCorrect = correct;
    return loss;
  }

  /** Rows the feedforward of the last step classified correctly. */
  int lastCorrect() {
    return lastCorrect;
  }

  /**
   * Waits for the workers' last ranges, then ends them. A failure there is not thrown: the step
   * that saw it, or the caller's drain, has already ended the training, or nothing reads the
   * result.
   */
  @Override
  public void close() {
    if (!closed) {
      settle();
      closed = true;
      handed[handedOver++ & 1] = END;
      started.arrive();
    }
  }
}
