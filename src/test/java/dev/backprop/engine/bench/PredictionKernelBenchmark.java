package dev.backprop.engine.bench;

import dev.backprop.engine.Activation;
import dev.backprop.engine.BenchSupport;
import dev.backprop.engine.Engine;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A prediction's feedforward on each kernel, for small row counts: the table behind {@code
 * KernelChoice.JAVA_MAX_PREDICTION_ROWS}. Thread CPU µs per feedforward (median of 15 rounds of
 * 200), one thread, the two kernels alternating round by round so machine load hits both alike. Run
 * with {@code ./mvnw -B -q -Pbench test-compile
 * -Dbench.main=dev.backprop.engine.bench.PredictionKernelBenchmark}.
 */
public final class PredictionKernelBenchmark {
  private PredictionKernelBenchmark() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static float sink;

  public static void main(String[] args) {
    Engine.initialize();
    int[][] networks = {{784, 256, 128, 10}, {64, 64, 10}, {4, 8, 3}};
    System.out.println("| network | rows | java CPU µs | sgemm CPU µs | java/sgemm |");
    System.out.println("|---|---|---|---|---|");
    for (int[] units : networks) {
      Model model = model(units);
      for (int rows : new int[] {1, 2, 4, 8, 16, 32, 64}) {
        float[] input = new float[rows * units[0]];
        Random random = new Random(18);
        for (int i = 0; i < input.length; i++) {
          input[i] = (float) random.nextGaussian();
        }
        double[][] rounds = new double[2][15];
        for (int warm = 0; warm < 2000; warm++) {
          sink += BenchSupport.feedforwardOn(warm % 2 == 0, model, input, rows);
        }
        for (int r = 0; r < 15; r++) {
          for (int k = 0; k < 2; k++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < 200; i++) {
              sink += BenchSupport.feedforwardOn(k == 1, model, input, rows);
            }
            rounds[k][r] = (THREADS.getCurrentThreadCpuTime() - t0) / 200 / 1e3;
          }
        }
        double java = median(rounds[0]);
        double blas = median(rounds[1]);
        System.out.printf(
            "| %s | %d | %.1f | %.1f | %.2f |%n",
            Arrays.toString(units), rows, java, blas, java / blas);
      }
    }
    System.out.println("(sink " + sink + ")");
  }

  private static Model model(int[] units) {
    List<LayerSpec> layers = new java.util.ArrayList<>();
    for (int l = 1; l < units.length; l++) {
      layers.add(
          new LayerSpec(units[l], l == units.length - 1 ? Activation.SOFTMAX : Activation.RELU));
    }
    NetworkSpec spec = new NetworkSpec(units[0], layers, Loss.CROSS_ENTROPY, null, 18);
    return new Model(spec, Parameters.initialize(spec), null);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
