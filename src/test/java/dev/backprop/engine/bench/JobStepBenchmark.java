package dev.backprop.engine.bench;

import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's own step on the job benchmark's tiny case (scripts/bench-training.sh): iris's 150
 * rows into 4-8-3 (tanh, softmax, cross_entropy), batch 16, sgd with momentum 0.9, validation split
 * 0.2, standardised, seed 7: the same Trainer.train a training job runs, without the service around
 * it. Runs BENCH_EPOCHS (environment, default 2000) epochs; warms for BENCH_JIT_WARMUP seconds
 * (default 45) of such runs, then prints one line: "engine µs/step &lt;median of 5 runs&gt;". Run
 * with {@code ./mvnw -B -q -Pbench test-compile
 * -Dbench.main=dev.backprop.engine.bench.JobStepBenchmark}.
 */
public final class JobStepBenchmark {
  private JobStepBenchmark() {}

  public static void main(String[] args) throws IOException {
    int epochs = Integer.parseInt(env("BENCH_EPOCHS", "2000"));
    long warmupNanos = (long) (Double.parseDouble(env("BENCH_JIT_WARMUP", "45")) * 1e9);
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            42);
    TrainingData data = iris(Path.of("examples", "iris.csv"));
    TrainingConfig config =
        new TrainingConfig(epochs, 16, 0.01, Optimizer.SGD, 0.9, 0, 0.2, true, 7, true, null);
    int trainRows = data.rows() - (int) Math.round(data.rows() * 0.2);
    long steps = (long) epochs * ((trainRows + 15) / 16);
    long warmEnd = System.nanoTime() + warmupNanos;
    do {
      Trainer.train(spec, null, data, config, null, null);
    } while (System.nanoTime() < warmEnd);
    double[] micros = new double[5];
    for (int run = 0; run < micros.length; run++) {
      long t0 = System.nanoTime();
      Trainer.train(spec, null, data, config, null, null);
      micros[run] = (System.nanoTime() - t0) / 1e3 / steps;
    }
    Arrays.sort(micros);
    System.out.printf(
        "engine µs/step %.3f (runs %s, %d steps each)%n",
        micros[2], Arrays.toString(micros), steps);
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }

  /** The four measurements as features, the species one-hot, in the file's order. */
  private static TrainingData iris(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> species = new ArrayList<>();
    float[][] x = new float[lines.size() - 1][];
    String[] labels = new String[x.length];
    for (int r = 0; r < x.length; r++) {
      String[] cells = lines.get(r + 1).split(",");
      x[r] = new float[4];
      for (int c = 0; c < 4; c++) {
        x[r][c] = Float.parseFloat(cells[c]);
      }
      labels[r] = cells[4];
      if (!species.contains(cells[4])) {
        species.add(cells[4]);
      }
    }
    float[][] y = new float[x.length][species.size()];
    for (int r = 0; r < x.length; r++) {
      y[r][species.indexOf(labels[r])] = 1;
    }
    return new TrainingData(x, y);
  }
}
