package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The next step's input a^0 for a split batch ({@link BatchSplit}), gathered during the current
 * step with each thread copying only its share of the rows, into one matrix that every thread then
 * reads. Layer 1 is computed by units ({@link FirstLayerByUnits}), so each thread needs the whole
 * batch's input: gathered when the step starts, each thread copies every row, and with two threads
 * the gather took 1.24 CPU µs per trained sample against 0.57 on one (async-profiler,
 * 784-256-128-10 batch 128). Gathered ahead, the threads share that copy, with no barrier of its
 * own: it rides on two that every step passes anyway. Measured side by side with the build before
 * (two-thread jobs, four runs of 3 sets x 7 rounds on a 2-core Zen 4 machine), it ran 1.00x to
 * 1.08x as fast, no more than two servers of one build drift apart there; it stays because it does
 * half the copying for the same results.
 *
 * <p>The next step is guessed as the next m rows of the same order (the trainer's steps within an
 * epoch) and is used only if the step handed over is exactly that: the same data, the same row
 * indices (compared by value, so a caller that changes its order array in place is not served stale
 * rows) and the same m (an epoch's short last batch is guessed short). Otherwise (an epoch's first
 * step, a caller stepping other rows) each thread gathers the whole batch as before. Either way a
 * step reads the same values, so the results do not depend on the guess.
 *
 * <p>Who writes what when: {@link #guess} runs on the last thread at the barrier after layer 1's
 * products, when every thread has finished the step before (its weight step read that step's
 * input), so the buffer it picks, the one the current step does not read, is free; each thread then
 * {@link #gather}s its share before the barrier after the slices; thread 0 {@link #take}s the
 * result when it hands the next step over, after that barrier.
 */
final class InputAhead {
  private final Kernel kernel;
  private final int width;
  private final Matrix[] buffers = new Matrix[2];
  // The guess (target null: none), written by guess() alone at a barrier, read after it.
  private FloatBuffer x;
  private int[] rows = new int[0]; // the guessed rows' indices, copied
  private int m;
  private Matrix target;

  InputAhead(Kernel kernel, int width) {
    this.kernel = kernel;
    this.width = width;
  }

  /**
   * On the last thread at the barrier after layer 1's products of {@code step}, which reads {@code
   * reading} (null: each thread's own input): guesses the next step, if the order has rows after
   * this one's, and shapes a buffer the step does not read for it.
   */
  void guess(SplitStep step, Matrix reading) {
    int next = step.start() + step.m();
    int left = step.order().length - next;
    if (left <= 0) {
      target = null;
      return;
    }
    m = Math.min(step.m(), left);
    x = step.x();
    if (rows.length < m) {
      rows = new int[m];
    }
    System.arraycopy(step.order(), next, rows, 0, m);
    int free = reading == buffers[0] && reading != null ? 1 : 0;
    buffers[free] = Batch.fit(kernel, buffers[free], m, width);
    target = buffers[free];
  }

  /** Thread t of {@code threads}: its share of the guessed rows, if there is a guess. */
  void gather(int t, int threads) {
    if (target != null) {
      target.gatherRows(
          x, rows, 0, (int) ((long) m * t / threads), (int) ((long) m * (t + 1) / threads));
    }
  }

  /** Drops the guess (a failed step may have left it half gathered). */
  void forget() {
    target = null;
  }

  /**
   * Thread 0, handing {@code step} over: the matrix that holds its input if it was guessed, else
   * null. Either way the guess is used up.
   */
  Matrix take(SplitStep step) {
    Matrix guessed = target;
    target = null;
    boolean right =
        guessed != null
            && step.x() == x
            && step.m() == m
            && Arrays.equals(step.order(), step.start(), step.start() + m, rows, 0, m);
    return right ? guessed : null;
  }
}
