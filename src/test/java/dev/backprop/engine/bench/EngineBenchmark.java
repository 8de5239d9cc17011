package dev.backprop.engine.bench;

import dev.backprop.engine.Activation;
import dev.backprop.engine.BenchSupport;
import dev.backprop.engine.Engine;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Predictor;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Engine speed on seeded synthetic data, one thread. Run with {@code ./mvnw -B -q -Pbench
 * test-compile} (see the bench profile in pom.xml). Prints training throughput of 784-256-128-10
 * (relu, relu, softmax, cross_entropy, batch 128, sgd), µs per step of 4-8-3 (tanh, softmax, batch
 * 16), predict latency for 1 and 64 rows on both, and the Java-vs-ND4J table behind the path
 * threshold. The large network also trains with each batch split across two threads
 * (threads-per-job 2; its CPU column counts the calling thread only); {@code SplitBenchmark} sets
 * one and two threads side by side against PyTorch.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  private static final int LARGE_EPOCHS = 10;

  public static void main(String[] args) {
    long init = Engine.initialize();
    System.out.printf("Engine.initialize: %d ms, BLAS threads %d%n", init, Engine.blasThreads());

    NetworkSpec large =
        new NetworkSpec(
            784,
            List.of(
                new LayerSpec(256, Activation.RELU),
                new LayerSpec(128, Activation.RELU),
                new LayerSpec(10, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            1);
    NetworkSpec tiny =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            1);

    // Large: samples/s, best of 5 runs of 10 epochs over 60 batches of 128, each a whole
    // Trainer.train call. Ten epochs let the one-off set-up of a job (initial weights, copying the
    // data in, ND4J buffers) weigh about as much as in a real job rather than dominate the run.
    TrainingData largeData = BenchSupport.randomData(large, 128 * 60, 7);
    TrainingConfig largeConfig =
        new TrainingConfig(LARGE_EPOCHS, 128, 0.01, Optimizer.SGD, 0.9, 0, 0, true, 3, false, null);
    Trainer.train(large, null, largeData, largeConfig, null, null); // warm-up
    Timing largeTime =
        best(5, () -> Trainer.train(large, null, largeData, largeConfig, null, null));
    double samples = (double) LARGE_EPOCHS * 128 * 60;
    Trainer.train(large, null, largeData, largeConfig, null, null, null, null, 2); // warm-up
    Timing splitTime =
        best(
            5, () -> Trainer.train(large, null, largeData, largeConfig, null, null, null, null, 2));

    // Tiny: µs per step, best of 5 runs of 20 epochs × 250 steps.
    TrainingData tinyData = BenchSupport.randomData(tiny, 16 * 250, 7);
    TrainingConfig tinyConfig =
        new TrainingConfig(20, 16, 0.01, Optimizer.SGD, 0.9, 0, 0, true, 3, false, null);
    for (int i = 0; i < 3; i++) {
      Trainer.train(tiny, null, tinyData, tinyConfig, null, null);
    }
    Timing tinyTime = best(5, () -> Trainer.train(tiny, null, tinyData, tinyConfig, null, null));
    double steps = 20 * 250;

    Model largeModel = Trainer.train(large, null, largeData, largeConfig, null, null).model();
    Model tinyModel = Trainer.train(tiny, null, tinyData, tinyConfig, null, null).model();

    System.out.println();
    System.out.println(
        "Wall = elapsed time; CPU = this thread's CPU time (less sensitive to other load).");
    System.out.println(
        "| case                                            |      wall |       CPU | unit      |");
    System.out.println(
        "|-------------------------------------------------|-----------|-----------|-----------|");
    System.out.printf(
        "| train 784-256-128-10 relu,relu,softmax b128 sgd | %9.0f | %9.0f | samples/s |%n",
        samples / largeTime.wallSeconds(), samples / largeTime.cpuSeconds());
    System.out.printf(
        "| same, each batch split across 2 threads         | %9.0f | %9.0f | samples/s |%n",
        samples / splitTime.wallSeconds(), samples / splitTime.cpuSeconds());
    System.out.printf(
        "| train 4-8-3 tanh,softmax b16 sgd                | %9.2f | %9.2f | µs/step   |%n",
        tinyTime.wallSeconds() * 1e6 / steps, tinyTime.cpuSeconds() * 1e6 / steps);
    for (int rows : new int[] {1, 64}) {
      Timing t = predictTiming(largeModel, rows);
      System.out.printf(
          "| predict 784-256-128-10, %2d row%s                 | %9.1f | %9.1f | µs        |%n",
          rows, rows == 1 ? " " : "s", t.wallSeconds() * 1e6, t.cpuSeconds() * 1e6);
    }
    for (int rows : new int[] {1, 64}) {
      Timing t = predictTiming(tinyModel, rows);
      System.out.printf(
          "| predict 4-8-3, %2d row%s                          | %9.2f | %9.2f | µs        |%n",
          rows, rows == 1 ? " " : "s", t.wallSeconds() * 1e6, t.cpuSeconds() * 1e6);
    }

    System.out.println();
    System.out.printf(
        "Path threshold (ND4J from %,d multiply-adds in the largest layer of a batch), CPU µs/step:%n",
        BenchSupport.nd4jMinMacs());
    System.out.println(
        "| network (batch)        | largest-layer MACs | Java µs/step | ND4J µs/step |");
    System.out.println(
        "|------------------------|--------------------|--------------|--------------|");
    int[][] shapes = {
      {16, 4, 8, 3},
      {16, 16, 16, 4},
      {16, 32, 32, 4},
      {32, 32, 64, 4},
      {32, 64, 64, 4},
      {32, 64, 128, 4},
      {64, 64, 128, 4},
      {64, 128, 128, 4},
      {128, 128, 128, 4}
    };
    for (int[] shape : shapes) {
      int batch = shape[0];
      NetworkSpec spec =
          new NetworkSpec(
              shape[1],
              List.of(
                  new LayerSpec(shape[2], Activation.RELU),
                  new LayerSpec(shape[3], Activation.SOFTMAX)),
              Loss.CROSS_ENTROPY,
              null,
              1);
      TrainingData data = BenchSupport.randomData(spec, batch * 40, 5);
      TrainingConfig config =
          new TrainingConfig(5, batch, 0.01, Optimizer.SGD, 0.9, 0, 0, true, 3, false, null);
      double java = stepMicros(false, spec, data, config, 200);
      double nd4j = stepMicros(true, spec, data, config, 200);
      System.out.printf(
          "| %3d-%3d-%d (b%3d)        | %,18d | %12.1f | %12.1f |%n",
          shape[1], shape[2], shape[3], batch, (long) batch * shape[1] * shape[2], java, nd4j);
    }
  }

  /** Best wall and best CPU time of {@code runs} runs. */
  record Timing(double wallSeconds, double cpuSeconds) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static Timing best(int runs, Runnable task) {
    double wall = Double.MAX_VALUE;
    double cpu = Double.MAX_VALUE;
    for (int run = 0; run < runs; run++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      task.run();
      wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
      cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    return new Timing(wall, cpu);
  }

  private static double stepMicros(
      boolean nd4j, NetworkSpec spec, TrainingData data, TrainingConfig config, int steps) {
    for (int i = 0; i < 3; i++) {
      BenchSupport.trainOn(nd4j, spec, data, config);
    }
    return best(5, () -> BenchSupport.trainOn(nd4j, spec, data, config)).cpuSeconds() * 1e6 / steps;
  }

  /** Median wall and CPU time of one predict call, over batches of 100 calls. */
  private static Timing predictTiming(Model model, int rows) {
    float[][] x = new float[rows][model.spec().inputs()];
    for (int r = 0; r < rows; r++) {
      Arrays.fill(x[r], 0.5f);
    }
    for (int i = 0; i < 2000; i++) {
      Predictor.predict(model, x);
    }
    int batches = 30;
    double[] wall = new double[batches];
    double[] cpu = new double[batches];
    for (int b = 0; b < batches; b++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        Predictor.predict(model, x);
      }
      wall[b] = (System.nanoTime() - t0) / 1e9 / 100;
      cpu[b] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9 / 100;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timing(wall[batches / 2], cpu[batches / 2]);
  }
}
