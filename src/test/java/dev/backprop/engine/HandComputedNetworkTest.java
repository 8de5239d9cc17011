package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 2-2-1 network worked out by hand: sigmoid hidden layer, identity output, quadratic loss, one
 * example x = (1, 2), y = 1.
 *
 * <pre>
 * W1 = [[0.1, 0.2], [0.3, 0.4]], b1 = [0, 0], W2 = [[0.5, -0.5]], b2 = [0.1]
 *
 * Feedforward
 *   s1 = W1 x + b1 = [0.1·1 + 0.2·2, 0.3·1 + 0.4·2] = [0.5, 1.1]
 *   a1 = σ(s1)     = [0.6224593, 0.7502601]
 *   s2 = W2 a1 + b2 = 0.5·0.6224593 − 0.5·0.7502601 + 0.1 = 0.0360996
 *   a2 = s2        = 0.0360996 (identity)
 *   J  = ½ (a2 − y)² = ½ (−0.9639004)² = 0.4645520
 *
 * Backpropagation (layers numbered 1 and 2, as the engine numbers them)
 *   BP1 δ2 = (a2 − y) · f'(s2) = −0.9639004 · 1 = −0.9639004
 *   BP4 ∂J/∂W2 = δ2 a1ᵀ = [−0.9639004·0.6224593, −0.9639004·0.7502601] = [−0.5999888, −0.7231760]
 *   BP3 ∂J/∂b2 = δ2 = −0.9639004
 *   BP2 δ1 = (W2ᵀ δ2) ⊙ σ'(s1), σ'(s1) = a1(1 − a1) = [0.2350037, 0.1873699]
 *          = [0.5·−0.9639004·0.2350037, −0.5·−0.9639004·0.1873699] = [−0.1132601, 0.0903029]
 *   BP4 ∂J/∂W1 = δ1 xᵀ = [[−0.1132601, −0.2265202], [0.0903029, 0.1806059]]
 *   BP3 ∂J/∂b1 = δ1 = [−0.1132601, 0.0903029]
 * </pre>
 */
class HandComputedNetworkTest {
  static final NetworkSpec SPEC =
      new NetworkSpec(
          2,
          List.of(new LayerSpec(2, Activation.SIGMOID), new LayerSpec(1, Activation.IDENTITY)),
          Loss.QUADRATIC,
          Initializer.XAVIER,
          1);
  static final Parameters PARAMS =
      Parameters.of(
          List.of(new float[][] {{0.1f, 0.2f}, {0.3f, 0.4f}}, new float[][] {{0.5f, -0.5f}}),
          List.of(new float[] {0f, 0f}, new float[] {0.1f}));

  static List<Kernel> kernels() {
    return TestNetworks.kernels();
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void forwardValuesMatchTheHandComputation(Kernel kernel) {
    Batch batch = TestNetworks.forward(kernel, SPEC, PARAMS, new float[] {1f, 2f}, 1);
    assertThat(batch.s[1].read()[0]).isCloseTo(0.5f, within(1e-6f));
    assertThat(batch.s[1].read()[1]).isCloseTo(1.1f, within(1e-6f));
    assertThat(batch.a[1].read()[0]).isCloseTo(0.6224593f, within(1e-6f));
    assertThat(batch.a[1].read()[1]).isCloseTo(0.7502601f, within(1e-6f));
    assertThat(batch.output().read()[0]).isCloseTo(0.0360996f, within(1e-6f));
    assertThat(TestNetworks.loss(SPEC, batch, new float[] {1f})).isCloseTo(0.4645520, within(1e-6));
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void gradientsMatchTheHandComputation(Kernel kernel) {
    Gradients g =
        TestNetworks.gradients(kernel, SPEC, PARAMS, new float[] {1f, 2f}, new float[] {1f}, 1);
    assertThat(g.weights(2)).containsExactly(new float[] {-0.5999888f, -0.7231760f}, within(1e-6f));
    assertThat(g.biases(2)).containsExactly(new float[] {-0.9639004f}, within(1e-6f));
    assertThat(g.weights(1))
        .containsExactly(
            new float[] {-0.1132601f, -0.2265202f, 0.0903029f, 0.1806059f}, within(1e-6f));
    assertThat(g.biases(1)).containsExactly(new float[] {-0.1132601f, 0.0903029f}, within(1e-6f));
  }

  @Test
  void oneFullBatchSgdEpochIsExactlyOneGradientStep() {
    // docs/math.md: sgd, no shuffle, no validation, no standardisation, batchSize ≥ rows:
    // W ← W − η (∂J/∂W + l2·W), b ← b − η ∂J/∂b
    double lr = 0.5;
    double l2 = 0.1;
    float[][] x = {{1f, 2f}, {-1f, 0.5f}, {0.3f, -0.7f}};
    float[][] y = {{1f}, {0f}, {0.5f}};
    Gradients g =
        TestNetworks.gradients(
            JavaKernel.INSTANCE, SPEC, PARAMS, TestNetworks.flatten(x), TestNetworks.flatten(y), 3);

    for (Kernel kernel : TestNetworks.kernels()) {
      TrainingConfig config =
          new TrainingConfig(1, 10, lr, Optimizer.SGD, 0.9, l2, 0.0, false, 1, false, null);
      TrainingResult result =
          Trainer.train(
              SPEC,
              new Model(SPEC, PARAMS, null),
              new TrainingData(x, y),
              config,
              null,
              null,
              kernel);
      Parameters p = result.model().parameters();
      for (int l = 1; l <= 2; l++) {
        // Parameters stores layer l at position l - 1
        float[] w = PARAMS.w(l - 1);
        float[] gw = g.weights(l);
        for (int i = 0; i < w.length; i++) {
          float expected = (float) (w[i] - lr * (gw[i] + l2 * w[i]));
          assertThat(p.w(l - 1)[i]).as("%s W%d", kernel, l).isCloseTo(expected, within(1e-6f));
        }
        float[] b = PARAMS.b(l - 1);
        float[] gb = g.biases(l);
        for (int i = 0; i < b.length; i++) {
          assertThat(p.b(l - 1)[i]).isCloseTo((float) (b[i] - lr * gb[i]), within(1e-6f));
        }
      }
    }
  }
}
