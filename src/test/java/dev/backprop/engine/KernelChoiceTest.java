package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelChoice}: a prediction of up to {@link KernelChoice#JAVA_MAX_PREDICTION_ROWS} rows
 * runs in Java even on layers sgemm takes for training; more rows, and training, choose by the work
 * as before (predictions only once ND4J has loaded); either way the outputs agree.
 */
class KernelChoiceTest {

  static final int[] LARGE = {784, 256, 128, 10};

  @Test
  void aPredictionOfUpToEightRowsRunsInJavaWhateverItsSize() {
    assertThat(KernelChoice.JAVA_MAX_PREDICTION_ROWS).isEqualTo(8);
    assertThat(KernelChoice.forPrediction(LARGE, 1)).isSameAs(JavaKernel.INSTANCE);
    assertThat(KernelChoice.forPrediction(LARGE, 8, true)).isSameAs(JavaKernel.INSTANCE);
    assertThat(KernelChoice.forPrediction(LARGE, 9, true)).isSameAs(BlasKernel.INSTANCE);
    assertThat(KernelChoice.forPrediction(new int[] {4, 8, 3}, 16)).isSameAs(JavaKernel.INSTANCE);
  }

  @Test
  void whileNd4jLoadsEveryPredictionRunsInJava() {
    assertThat(KernelChoice.forPrediction(LARGE, 64, false)).isSameAs(JavaKernel.INSTANCE);
    assertThat(KernelChoice.forPrediction(LARGE, 64, true)).isSameAs(BlasKernel.INSTANCE);
  }

  @Test
  void trainingKeepsItsChoice() {
    assertThat(KernelChoice.forBatch(LARGE, 1)).isSameAs(BlasKernel.INSTANCE);
    assertThat(KernelChoice.forBatch(new int[] {4, 8, 3}, 16)).isSameAs(JavaKernel.INSTANCE);
  }

  @Test
  void aOneRowPredictionAgreesWithSgemmsWithinFloatTolerance() {
    NetworkSpec spec =
        new NetworkSpec(
            784,
            List.of(
                new LayerSpec(256, Activation.RELU),
                new LayerSpec(128, Activation.RELU),
                new LayerSpec(10, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            18);
    Model model = new Model(spec, Parameters.initialize(spec), null);
    Random random = new Random(18);
    for (int trial = 0; trial < 20; trial++) {
      float[] row = new float[784];
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) random.nextGaussian();
      }
      float[] predicted = Predictor.predictFlat(model, row, 1);
      Feedforward blas = new Feedforward(spec, model.parameters(), 1, BlasKernel.INSTANCE);
      System.arraycopy(row, 0, blas.input(), 0, row.length);
      float[] expected = blas.run().output().read();
      for (int o = 0; o < 10; o++) {
        assertThat(predicted[o]).isCloseTo(expected[o], org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }
}
