package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers shared by the engine tests. */
final class TestNetworks {
  private TestNetworks() {}

  static NetworkSpec spec(int inputs, Loss loss, Object... unitsAndActivations) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < unitsAndActivations.length; i += 2) {
      layers.add(
          new LayerSpec((Integer) unitsAndActivations[i], (Activation) unitsAndActivations[i + 1]));
    }
    return new NetworkSpec(inputs, layers, loss, null, 42);
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
