package dev.backprop.engine.bench;

import dev.backprop.engine.Activation;
import dev.backprop.engine.BenchSupport;
import dev.backprop.engine.Engine;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A training job on one thread against the same job split across two ({@code threads-per-job}),
 * side by side, and PyTorch 1.13 on the same network, batch and optimiser at 1 and 2 threads
 * ({@code scripts/peer/torch_mlp_train.py}, run by this class when /usr/bin/python3 has torch). Run
 * with {@code ./mvnw -B -q -Pbench test-compile
 * -Dbench.main=dev.backprop.engine.bench.SplitBenchmark} (system properties {@code
 * bench.warmupSeconds}, default 60, and {@code bench.rounds}, default 8, through {@code MAVEN_OPTS}
 * do not reach the forked JVM: edit the defaults to change them).
 *
 * <p>784-256-128-10 (relu, relu, softmax, cross_entropy), batch 128, sgd, whole {@link Trainer}
 * calls of 10 epochs over 60 batches. Both settings are warmed the same way, alternating runs for
 * the warm-up time, then timed in alternating rounds; the table gives each setting's median and
 * best samples/s and the median of the per-round ratios (the rounds are side by side, so load from
 * other processes touches both alike). A second table times single steps with and without the split
 * for smaller networks and batches: where splitting starts to pay ({@code ThreadChoice}).
 */
public final class SplitBenchmark {
  private SplitBenchmark() {}

  private static final int EPOCHS = 10;
  private static final int BATCHES = 60;

  public static void main(String[] args) throws IOException, InterruptedException {
    Engine.initialize();
    double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmupSeconds", "60"));
    int rounds = Integer.getInteger("bench.rounds", 8);
    NetworkSpec large = spec(784, 256, 128, 10);
    TrainingData data = BenchSupport.randomData(large, 128 * BATCHES, 7);
    TrainingConfig config =
        new TrainingConfig(EPOCHS, 128, 0.01, Optimizer.SGD, 0.9, 0, 0, true, 3, false, null);
    System.out.printf(
        "threads chosen for 784-256-128-10 b128 with 2 allowed: %d%n",
        BenchSupport.threadsFor(large, 128, 2));

    long warmStart = System.nanoTime();
    int warmRuns = 0;
    while ((System.nanoTime() - warmStart) / 1e9 < warmupSeconds) {
      for (int threads = 1; threads <= 2; threads++) {
        rate(large, data, config, threads);
      }
      warmRuns++;
    }
    System.out.printf(
        "warm-up: %.0f s, %d runs of each setting (alternating)%n",
        (System.nanoTime() - warmStart) / 1e9, warmRuns);
    printJobTable(large, data, config, rounds);
    printTorch();
    printSplitTable();
  }

  private static void printJobTable(
      NetworkSpec spec, TrainingData data, TrainingConfig config, int rounds) {
    double[] one = new double[rounds];
    double[] two = new double[rounds];
    double[] ratio = new double[rounds];
    double[] cpuOne = new double[rounds];
    double[] cpuTwo = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = processCpuNanos();
      one[r] = rate(spec, data, config, 1);
      long c1 = processCpuNanos();
      two[r] = rate(spec, data, config, 2);
      cpuOne[r] = (c1 - c0) / 1e3 / SAMPLES;
      cpuTwo[r] = (processCpuNanos() - c1) / 1e3 / SAMPLES;
      ratio[r] = two[r] / one[r];
    }
    System.out.println();
    System.out.println(
        "| 784-256-128-10 b128 sgd job | median samples/s | best samples/s | CPU µs/sample |");
    System.out.println(
        "|-----------------------------|------------------|----------------|---------------|");
    System.out.printf(
        "| 1 thread                    | %16.0f | %14.0f | %13.2f |%n",
        median(one), max(one), median(cpuOne));
    System.out.printf(
        "| 2 threads                   | %16.0f | %14.0f | %13.2f |%n",
        median(two), max(two), median(cpuTwo));
    System.out.printf(
        "2 threads / 1 thread, median of %d side-by-side rounds: %.2fx (rounds %s)%n",
        rounds, median(ratio), format(ratio));
  }

  private static final double SAMPLES = (double) EPOCHS * BATCHES * 128;

  /** CPU time of the whole process (all threads, the JIT's and GC's included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Samples per second of one whole training call. */
  private static double rate(
      NetworkSpec spec, TrainingData data, TrainingConfig config, int threads) {
    long t0 = System.nanoTime();
    Trainer.train(spec, null, data, config, null, null, null, null, threads);
    return (double) EPOCHS * BATCHES * 128 / ((System.nanoTime() - t0) / 1e9);
  }

  private static void printTorch() throws IOException, InterruptedException {
    Process torch =
        new ProcessBuilder(
                "/usr/bin/python3",
                "scripts/peer/torch_mlp_train.py",
                "--threads",
                "1",
                "2",
                "--warmup",
                "15",
                "--runs",
                "3",
                "--epochs",
                "2")
            .redirectErrorStream(true)
            .start();
    System.out.println();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(torch.getInputStream(), StandardCharsets.UTF_8))) {
      out.lines().forEach(System.out::println);
    }
    System.out.println("(PyTorch exited with " + torch.waitFor() + ")");
  }

  /** µs per step, one thread against a forced split in two, for smaller networks and batches. */
  private static void printSplitTable() {
    System.out.println();
    System.out.printf(
        "Split threshold (%,d feedforward MACs per slice), wall µs per step, median of 5:%n",
        BenchSupport.minSliceMacs());
    System.out.println("| network (batch)          | batch MACs | 1 thread | 2 threads | ratio |");
    System.out.println("|--------------------------|------------|----------|-----------|-------|");
    int[][] shapes = {
      {16, 64, 64, 4},
      {32, 64, 64, 4},
      {32, 128, 128, 10},
      {64, 128, 128, 10},
      {64, 256, 128, 10},
      {128, 256, 128, 10},
      {16, 784, 256, 10},
      {32, 784, 256, 10},
      {64, 784, 256, 10}
    };
    for (int[] shape : shapes) {
      int batch = shape[0];
      NetworkSpec spec = spec(shape[1], shape[2], shape[3]);
      TrainingData data = BenchSupport.randomData(spec, batch * 20, 5);
      TrainingConfig config =
          new TrainingConfig(1, batch, 0.01, Optimizer.SGD, 0.9, 0, 0, false, 3, false, null);
      int steps = (int) Math.max(50, Math.min(2000, 4e8 / ((long) batch * shape[1] * shape[2])));
      double[] one = new double[5];
      double[] two = new double[5];
      BenchSupport.splitSteps(spec, data, config, 1, steps); // warm
      BenchSupport.splitSteps(spec, data, config, 2, steps);
      for (int r = 0; r < 5; r++) {
        one[r] = BenchSupport.splitSteps(spec, data, config, 1, steps) / 1e3 / steps;
        two[r] = BenchSupport.splitSteps(spec, data, config, 2, steps) / 1e3 / steps;
      }
      long macs = (long) batch * (shape[1] * shape[2] + shape[2] * shape[3]);
      System.out.printf(
          "| %3d-%3d-%-3d (b%3d)       | %,10d | %8.1f | %9.1f | %5.2f |%n",
          shape[1],
          shape[2],
          shape[3],
          batch,
          macs,
          median(one),
          median(two),
          median(one) / median(two));
    }
  }

  private static NetworkSpec spec(int inputs, int... units) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < units.length; i++) {
      boolean last = i == units.length - 1;
      layers.add(new LayerSpec(units[i], last ? Activation.SOFTMAX : Activation.RELU));
    }
    return new NetworkSpec(inputs, layers, Loss.CROSS_ENTROPY, null, 1);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static String format(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(b.length() == 0 ? "" : " ").append(String.format("%.2f", x));
    }
    return b.toString();
  }
}
