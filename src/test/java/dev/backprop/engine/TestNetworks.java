package dev.backprop.engine;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers shared by the engine tests. */
final class TestNetworks {
  private TestNetworks() {}

  /** Both kernels, for tests that must hold on each. */
  static List<Kernel> kernels() {
    return List.of(JavaKernel.INSTANCE, BlasKernel.INSTANCE);
  }

  /** The feedforward of n rows of x on {@code kernel}; the batch holds s^l and a^l. */
  static Batch forward(Kernel kernel, NetworkSpec spec, Parameters p, float[] x, int n) {
    Batch batch = new Batch(kernel, true).prepare(p.unitsArray(), n);
    System.arraycopy(x, 0, batch.input().overwrite(), 0, n * spec.inputs());
    Propagation.forward(Layers.readOnly(kernel, spec, p), batch);
    return batch;
  }

  /** The loss J of a batch after {@link #forward}. */
  static double loss(NetworkSpec spec, Batch batch, float[] y) {
    return spec.loss()
        .value(
            spec.outputActivation(),
            batch.outputWeightedInput().read(),
            batch.output().read(),
            y,
            batch.rows(),
            spec.outputs());
  }

  /** ∂J/∂W^l and ∂J/∂b^l on the n rows (x, y), computed on {@code kernel}. */
  static Gradients gradients(
      Kernel kernel, NetworkSpec spec, Parameters p, float[] x, float[] y, int n) {
    Batch batch = forward(kernel, spec, p, x, n);
    Gradients g = new Gradients(kernel, p.unitsArray());
    Propagation.backward(Layers.readOnly(kernel, spec, p), batch, y, g);
    return g;
  }

  /**
   * ∂J/∂W^l and ∂J/∂b^l on the n rows (x, y) as a batch split across {@code threads} threads sums
   * them ({@link BatchSplit}): {weights, biases}, each indexed by position l − 1.
   */
  static float[][][] splitGradients(
      Kernel kernel, NetworkSpec spec, Parameters p, float[] x, float[] y, int n, int threads) {
    Layers net = Layers.copyOf(kernel, spec, p);
    float[][][] captured = new float[2][p.layerCount()][];
    for (int l = 1; l <= net.L; l++) {
      captured[0][l - 1] = new float[net.W[l].size()];
      captured[1][l - 1] = new float[net.b[l].size()];
    }
    // each thread hands over its own range of the summed gradients
    Update capture =
        new Update(net, config(1, n, 0.1, Optimizer.SGD, false, 1)) {
          @Override
          public void weightGradient(int l, Matrix delta, Matrix aPrev) {
            throw new AssertionError("a split batch hands over summed gradients");
          }

          @Override
          void stepWeights(int l, Matrix gradW, Span s) {
            copy(s.read(gradW), captured[0][l - 1], s);
          }

          @Override
          void stepBiases(int l, Matrix gradB, Span s) {
            copy(s.read(gradB), captured[1][l - 1], s);
          }

          private static void copy(float[] from, float[] to, Span s) {
            System.arraycopy(from, s.from, to, s.from, s.to - s.from);
          }
        };
    try (BatchSplit split = new BatchSplit(spec, net, threads)) {
      split.step(FloatBuffer.wrap(x), y, TrainingSplit.identity(n), 0, n, capture);
    }
    return captured;
  }

  static NetworkSpec spec(int inputs, Loss loss, Object... unitsAndActivations) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < unitsAndActivations.length; i += 2) {
      layers.add(
          new LayerSpec((Integer) unitsAndActivations[i], (Activation) unitsAndActivations[i + 1]));
    }
    return new NetworkSpec(inputs, layers, loss, null, 42);
  }

  /** inputs, then relu layers of the given widths, then a softmax layer; cross-entropy. */
  static NetworkSpec reluClassifier(int inputs, int outputs, int... hidden) {
    Object[] layers = new Object[2 * hidden.length + 2];
    for (int l = 0; l < hidden.length; l++) {
      layers[2 * l] = hidden[l];
      layers[2 * l + 1] = Activation.RELU;
    }
    layers[layers.length - 2] = outputs;
    layers[layers.length - 1] = Activation.SOFTMAX;
    return spec(inputs, Loss.CROSS_ENTROPY, layers);
  }

  static TrainingConfig config(
      int epochs, int batchSize, double lr, Optimizer optimizer, boolean shuffle, long seed) {
    return new TrainingConfig(
        epochs, batchSize, lr, optimizer, 0.9, 0.0, 0.0, shuffle, seed, false, null);
  }

  /** Seeded random rows and matching targets (one-hot for softmax, 0/1 for sigmoid). */
  static TrainingData randomData(NetworkSpec spec, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[rows][spec.inputs()];
    float[][] y = new float[rows][spec.outputs()];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < spec.inputs(); k++) {
        x[r][k] = (float) random.nextGaussian();
      }
      if (spec.outputActivation() == Activation.SOFTMAX) {
        y[r][random.nextInt(spec.outputs())] = 1f;
      } else if (spec.outputActivation() == Activation.SIGMOID) {
        for (int j = 0; j < spec.outputs(); j++) {
          y[r][j] = random.nextBoolean() ? 1f : 0f;
        }
      } else {
        for (int j = 0; j < spec.outputs(); j++) {
          y[r][j] = (float) (random.nextDouble() - 0.5);
        }
      }
    }
    return new TrainingData(x, y);
  }

  static float[] flatten(float[][] rows) {
    int w = rows[0].length;
    float[] flat = new float[rows.length * w];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * w, w);
    }
    return flat;
  }

  static float maxAbsDifference(Parameters p, Parameters q) {
    float max = 0;
    for (int l = 0; l < p.layerCount(); l++) {
      for (int i = 0; i < p.w(l).length; i++) {
        max = Math.max(max, Math.abs(p.w(l)[i] - q.w(l)[i]));
      }
      for (int i = 0; i < p.b(l).length; i++) {
        max = Math.max(max, Math.abs(p.b(l)[i] - q.b(l)[i]));
      }
    }
    return max;
  }

  static boolean identical(Parameters p, Parameters q) {
    if (p.layerCount() != q.layerCount()) {
      return false;
    }
    for (int l = 0; l < p.layerCount(); l++) {
      if (!java.util.Arrays.equals(p.w(l), q.w(l)) || !java.util.Arrays.equals(p.b(l), q.b(l))) {
        return false;
      }
    }
    return true;
  }
}
