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
}
