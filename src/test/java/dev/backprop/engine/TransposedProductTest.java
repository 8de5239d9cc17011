package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TransposedProduct}, the Java kernel's multi-row prediction path: on random shapes (seeded)
 * its feedforward agrees with sgemm's within float rounding, and each row answers the same bits
 * alone as in any batch.
 */
class TransposedProductTest {
  private final SplittableRandom random = new SplittableRandom(18);

  @Test
  void agreesWithSgemmOnRandomShapes() {
    for (int trial = 0; trial < 30; trial++) {
      Model model = model(randomUnits());
      int rows = 1 + random.nextInt(20);
      float[] input = input(rows * model.spec().inputs());
      float[] java = feedforward(JavaKernel.INSTANCE, model, input, rows);
      float[] blas = feedforward(BlasKernel.INSTANCE, model, input, rows);
      assertThat(java)
          .as("trial %d, %d rows of %s", trial, rows, model.parameters())
          .hasSize(blas.length);
      assertThat(java).containsExactly(blas, within(2e-5f));
    }
  }

  @Test
  void aRowAnswersTheSameBitsAloneAndBatched() {
    for (int trial = 0; trial < 10; trial++) {
      Model model = model(randomUnits());
      int width = model.spec().inputs();
      int outputs = model.spec().outputs();
      int rows = 2 + random.nextInt(15);
      float[] input = input(rows * width);
      float[] batched = feedforward(JavaKernel.INSTANCE, model, input, rows);
      for (int r = 0; r < rows; r++) {
        float[] alone =
            feedforward(
                JavaKernel.INSTANCE,
                model,
                Arrays.copyOfRange(input, r * width, (r + 1) * width),
                1);
        assertThat(alone)
            .containsExactly(Arrays.copyOfRange(batched, r * outputs, (r + 1) * outputs));
      }
    }
  }

  @Test
  void transposesRowMajorValues() {
    float[][] t = TransposedProduct.transpose(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThat(t).isDeepEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
  }

  /** 2 to 4 layers of 1 to 300 units (odd widths exercise the loops' remainders). */
  private int[] randomUnits() {
    int[] units = new int[2 + random.nextInt(3)];
    for (int l = 0; l < units.length; l++) {
      units[l] = 1 + random.nextInt(300);
    }
    return units;
  }

  private float[] input(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      // some zeros, in runs too, so that the skipped groups of four zero inputs are exercised
      x[i] = random.nextInt(4) == 0 ? 0f : (float) random.nextGaussian();
    }
    return x;
  }

  private static Model model(int[] units) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int l = 1; l < units.length; l++) {
      layers.add(
          new LayerSpec(units[l], l == units.length - 1 ? Activation.SOFTMAX : Activation.RELU));
    }
    NetworkSpec spec = new NetworkSpec(units[0], layers, Loss.CROSS_ENTROPY, null, 18);
    return new Model(spec, Parameters.initialize(spec), null);
  }

  private static float[] feedforward(Kernel kernel, Model model, float[] input, int rows) {
    Feedforward f = new Feedforward(model.spec(), model.parameters(), rows, kernel);
    System.arraycopy(input, 0, f.input(), 0, input.length);
    float[] out = f.run().output().read();
    return Arrays.copyOf(out, rows * model.spec().outputs());
  }
}
