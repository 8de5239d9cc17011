package dev.backprop.engine;

/**
 * Test-scope hooks for {@code EngineBenchmark}: training on a forced kernel, to measure where sgemm
 * starts to pay off. Not part of the engine's API (test sources ship in no jar).
 */
public final class BenchSupport {
  private BenchSupport() {}

  /** Training on {@link BlasKernel} ({@code nd4j}) or {@link JavaKernel}. */
  public static TrainingResult trainOn(
      boolean nd4j, NetworkSpec spec, TrainingData data, TrainingConfig config) {
    return Trainer.train(
        spec, null, data, config, null, null, nd4j ? BlasKernel.INSTANCE : JavaKernel.INSTANCE);
  }

  /** Largest-layer multiply-adds per batch from which training and prediction use sgemm. */
  public static long nd4jMinMacs() {
    return KernelChoice.BLAS_MIN_MACS;
  }

  public static TrainingData randomData(NetworkSpec spec, int rows, long seed) {
    return TestNetworks.randomData(spec, rows, seed);
  }

  /**
   * {@code steps} gradient-descent steps of {@code batch} rows with each batch split across {@code
   * threads} threads whatever {@link ThreadChoice} would say (to measure where splitting pays), on
   * the kernel chosen for a slice; the wall nanoseconds the steps took.
   */
  public static long splitSteps(
      NetworkSpec spec, TrainingData data, TrainingConfig config, int threads, int steps) {
    TrainingSplit split = TrainingSplit.of(data, config, null);
    int batch = config.batchSize();
    int[] units = Parameters.initialize(spec).unitsArray();
    Kernel kernel = KernelChoice.forBatch(units, (batch + threads - 1) / threads);
    int[] order = TrainingSplit.identity(split.trainRows);
    try (GradientDescent descent =
        new GradientDescent(spec, Parameters.initialize(spec), config, kernel, threads)) {
      long t0 = System.nanoTime();
      for (int s = 0, start = 0; s < steps; s++) {
        if (start + batch > split.trainRows) {
          start = 0;
        }
        descent.step(split.x, split.y, order, start, batch);
        start += batch;
      }
      return System.nanoTime() - t0;
    }
  }

  /** Threads {@link Trainer} would split batches of these rows across, at most {@code allowed}. */
  public static int threadsFor(NetworkSpec spec, int rows, int allowed) {
    return ThreadChoice.forBatch(Parameters.initialize(spec).unitsArray(), rows, allowed);
  }

  /** Feedforward multiply-adds per slice from which a batch is split. */
  public static long minSliceMacs() {
    return ThreadChoice.MIN_SLICE_MACS;
  }

  /**
   * One feedforward of {@code rows} standardised-or-not rows (the values in {@code input}) on
   * {@link BlasKernel} ({@code nd4j}) or {@link JavaKernel}; the first output value, so the work is
   * kept.
   */
  public static float feedforwardOn(boolean nd4j, Model model, float[] input, int rows) {
    Feedforward feedforward =
        new Feedforward(
            model.spec(),
            model.parameters(),
            rows,
            nd4j ? BlasKernel.INSTANCE : JavaKernel.INSTANCE);
    System.arraycopy(input, 0, feedforward.input(), 0, rows * model.spec().inputs());
    return feedforward.run().output().read()[0];
  }
}
