package dev.backprop.engine;

/**
 * Layer 1 of a split batch ({@link BatchSplit}) computed by units instead of by rows: thread t
 * gathers the whole batch's input, computes W^1 a^0 for its own units of layer 1 over all m rows
 * into one shared s^1, and later forms its rows of ∂J/∂W^1 from one shared δ^1 and that same input,
 * as one product over all m rows. Each slice's feedforward takes its rows of s^1 from here, and its
 * backpropagation hands its rows of δ^1 back.
 *
 * <p>Why: layer 1 holds most of a large network's weights and work (784-256-128-10: 200,704 of
 * 235,146 weights). Split by rows, each slice's products read and pack all of W^1, and each weight
 * gradient is two products over half the rows; by units, each thread multiplies and packs only its
 * own rows of W^1, once per step, in products as large as one thread's. Measured with
 * async-profiler on 784-256-128-10 batch 128 with 2 threads, the row split took 64% more CPU per
 * sample than one thread, 4/5 of that extra in sgemm's packing and kernels; by units, sgemm's
 * packing took a quarter less, and the job ran 1.07x to 1.09x as fast in side-by-side runs. The
 * price is that each thread reads the whole batch's input, not only its slice's: within an epoch
 * the threads gather it together during the step before ({@link InputAhead}); otherwise each
 * gathers all of it.
 *
 * <p>Each thread's own input, and its rows of W^1, are touched by that thread alone; an input
 * gathered ahead is written in shares by rows before a barrier and only read after it; s^1 and δ^1
 * are written by columns (units) and rows (slices) respectively, in range phases ({@link
 * Matrix#prepareRanges}), between barriers.
 */
final class FirstLayerByUnits {
  private final Layers net;
  private final Matrix[] inputs; // per thread: a^0 of the whole batch, when not gathered ahead
  private final InputAhead ahead;
  private final Matrix[] given = new Matrix[2]; // per step parity: a^0 gathered ahead, or null
  private final SliceGradients[][] factors; // per thread: δ^1 and its input, as one "slice"
  // Two sets, one per step parity ({@link SplitStep#buffers}): a thread may still read the last
  // step's δ^1 (its weight gradient) while the next step's set is being prepared.
  private final Matrix[] s = new Matrix[2]; // s^1 of the whole batch, m × units_1
  private final Matrix[] delta = new Matrix[2]; // δ^1 of the whole batch, m × units_1

  FirstLayerByUnits(Layers net, int threads) {
    this.net = net;
    inputs = new Matrix[threads];
    ahead = new InputAhead(net.kernel, net.units[0]);
    factors = new SliceGradients[threads][];
    for (int t = 0; t < threads; t++) {
      factors[t] = new SliceGradients[] {new SliceGradients(net.L)};
    }
  }

  /**
   * Before a step, on one thread: the step's set of shared matrices shaped for its m rows and in a
   * range phase.
   */
  void prepare(SplitStep step) {
    int p = step.buffers();
    s[p] = fit(s[p], step.m(), net.units[1]);
    delta[p] = fit(delta[p], step.m(), net.units[1]);
    s[p].prepareRanges();
    delta[p].prepareRanges();
    given[p] = ahead.take(step);
  }

  /** Drops a guess of the next step's input, which a failed step may have left half gathered. */
  void forgetAhead() {
    ahead.forget();
  }

  /**
   * Thread t: the step's m rows of x (gathered ahead, or now), then W^1 a^0 for the units [from,
   * to) of layer 1 into s^1.
   */
  void multiply(int t, SplitStep step, int from, int to) {
    Matrix input = given[step.buffers()];
    if (input == null) {
      input = fit(inputs[t], step.m(), net.units[0]);
      inputs[t] = input;
      input.gatherRows(step.x(), step.order(), step.start());
    }
    if (from < to) {
      net.kernel.productColumns(input, net.W[1], s[step.buffers()], from, to);
    }
  }

  /**
   * On the last thread at the barrier after layer 1's products, when no thread reads the step
   * before's input any more: guesses the next step's ({@link InputAhead#guess}).
   */
  void guessNext(SplitStep step) {
    ahead.guess(step, given[step.buffers()]);
  }

  /** Thread t of {@code threads}, before the barrier after the slices: its share of the guess. */
  void gatherAhead(int t, int threads) {
    ahead.gather(t, threads);
  }

  /** A slice's thread, after every unit's products: rows [first, …) of s^1 into its own s^1. */
  void copySlice(SplitStep step, Matrix sliceS, int first) {
    sliceS.copyRowsOf(s[step.buffers()], first);
  }

  /** A slice's thread, after its backpropagation: its δ^1 as rows [first, …) of the batch's. */
  void putSlice(SplitStep step, Matrix sliceDelta, int first) {
    delta[step.buffers()].putRows(sliceDelta, first);
  }

  /** Thread t, after every slice's δ^1 is in: the batch's δ^1 and a^0, as one slice's factors. */
  SliceGradients[] gradients(int t, SplitStep step) {
    Matrix shared = given[step.buffers()]; // the input multiply read: gathered ahead, else its own
    factors[t][0].weightGradient(1, delta[step.buffers()], shared != null ? shared : inputs[t]);
    return factors[t];
  }

  private Matrix fit(Matrix matrix, int rows, int cols) {
    return Batch.fit(net.kernel, matrix, rows, cols);
  }
}
