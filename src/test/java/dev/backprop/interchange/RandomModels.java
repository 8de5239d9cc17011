package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Standardization;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Models with seeded random weights, biases and standardisation, and random input rows. */
final class RandomModels {

  private RandomModels() {}

  /**
   * A model of {@code inputs} inputs and {@code layers} layers of varying width: hidden layers use
   * {@code hidden}, the last {@code output} with {@code loss}.
   */
  static Model model(
      int inputs,
      int layers,
      Activation hidden,
      Activation output,
      Loss loss,
      boolean standardized,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LayerSpec> specs = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      boolean last = l == layers - 1;
      int units = last ? (output == Activation.SOFTMAX ? 3 : 2) : 3 + random.nextInt(6);
      specs.add(new LayerSpec(units, last ? output : hidden));
    }
    NetworkSpec spec = new NetworkSpec(inputs, specs, loss, null, seed);
    List<float[][]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    int fanIn = inputs;
    for (LayerSpec layer : specs) {
      double scale = Math.sqrt(2.0 / (fanIn + layer.units()));
      float[][] w = new float[layer.units()][fanIn];
      float[] b = new float[layer.units()];
      for (int j = 0; j < layer.units(); j++) {
        for (int k = 0; k < fanIn; k++) {
          w[j][k] = (float) (random.nextGaussian() * scale);
        }
        b[j] = (float) (random.nextDouble() - 0.5);
      }
      weights.add(w);
      biases.add(b);
      fanIn = layer.units();
    }
    Standardization s = null;
    if (standardized) {
      float[] mean = new float[inputs];
      float[] std = new float[inputs];
      for (int k = 0; k < inputs; k++) {
        mean[k] = (float) (random.nextDouble() * 10 - 5);
        std[k] = (float) (0.1 + random.nextDouble() * 3);
      }
      s = new Standardization(mean, std);
    }
    return new Model(spec, Parameters.of(weights, biases), s);
  }

  /** Rows of raw inputs around the standardisation's range. */
  static float[][] rows(int count, int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] rows = new float[count][width];
    for (float[] row : rows) {
      for (int k = 0; k < width; k++) {
        row[k] = (float) (random.nextGaussian() * 3);
      }
    }
    return rows;
  }
}
