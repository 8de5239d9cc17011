package dev.backprop.engine;

/**
 * Test-scope hooks for {@code EngineBenchmark}: training on a forced path, to measure where the
 * ND4J path starts to pay off. Not part of the engine's API (test sources ship in no jar).
 */
public final class BenchSupport {
  private BenchSupport() {}

  public static TrainingResult trainOn(
      boolean nd4j, NetworkSpec spec, TrainingData data, TrainingConfig config) {
    return Trainer.train(spec, null, data, config, null, null, nd4j);
  }

  public static float[] forwardOn(boolean nd4j, Model model, float[] x, int rows) {
    return nd4j
        ? Paths.forwardNd4j(model.spec(), model.parameters(), x, rows)[1]
        : Paths.forwardJava(model.spec(), model.parameters(), x, rows)[1];
  }

  public static long nd4jMinMacs() {
    return Paths.ND4J_MIN_MACS;
  }

  public static TrainingData randomData(NetworkSpec spec, int rows, long seed) {
    return TestNetworks.randomData(spec, rows, seed);
  }
}
