package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

  private static InvalidNetworkException refused(Runnable r) {
    return catchThrowableOfType(InvalidNetworkException.class, r::run);
  }

  @Test
  void refusesStepWithTheReason() {
    InvalidNetworkException e =
        refused(
            () -> TestNetworks.spec(2, Loss.QUADRATIC, 3, Activation.STEP, 1, Activation.IDENTITY));
    assertThat(e.field()).isEqualTo("layers[0].activation");
    assertThat(e.getMessage())
        .isEqualTo(
            "activation 'step' cannot be trained: its derivative is zero everywhere, so gradient"
                + " descent cannot learn through it");
  }

  @Test
  void refusesSoftmaxInAHiddenLayer() {
    InvalidNetworkException e =
        refused(
            () ->
                TestNetworks.spec(
                    2, Loss.CROSS_ENTROPY, 3, Activation.SOFTMAX, 2, Activation.SOFTMAX));
    assertThat(e.field()).isEqualTo("layers[0].activation");
    assertThat(e.getMessage()).contains("output layer only");
  }

  @Test
  void refusesLossActivationMismatches() {
    InvalidNetworkException ce =
        refused(() -> TestNetworks.spec(2, Loss.CROSS_ENTROPY, 2, Activation.SIGMOID));
    assertThat(ce.field()).isEqualTo("loss");
    assertThat(ce.getMessage()).contains("cross_entropy", "softmax", "sigmoid");
    InvalidNetworkException bce =
        refused(() -> TestNetworks.spec(2, Loss.BINARY_CROSS_ENTROPY, 2, Activation.SOFTMAX));
    assertThat(bce.field()).isEqualTo("loss");
    assertThat(bce.getMessage()).contains("binary_cross_entropy", "sigmoid");
    InvalidNetworkException quadraticSoftmax =
        refused(() -> TestNetworks.spec(2, Loss.QUADRATIC, 3, Activation.SOFTMAX));
    assertThat(quadraticSoftmax.field()).isEqualTo("loss");
    assertThat(quadraticSoftmax.getMessage()).contains("cross_entropy", "quadratic");
  }

  @Test
  void refusesBadSizes() {
    assertThat(refused(() -> TestNetworks.spec(0, Loss.QUADRATIC, 1, Activation.RELU)).field())
        .isEqualTo("inputs");
    assertThat(refused(() -> new NetworkSpec(2, List.of(), Loss.QUADRATIC, null, 1)).field())
        .isEqualTo("layers");
    assertThat(
            refused(
                    () ->
                        TestNetworks.spec(
                            2, Loss.QUADRATIC, 3, Activation.RELU, 0, Activation.IDENTITY))
                .field())
        .isEqualTo("layers[1].units");
    assertThat(
            refused(
                    () ->
                        new NetworkSpec(
                            2, List.of(new LayerSpec(1, null)), Loss.QUADRATIC, null, 1))
                .field())
        .isEqualTo("layers[0].activation");
    assertThat(refused(() -> TestNetworks.spec(2, null, 1, Activation.RELU)).field())
        .isEqualTo("loss");
  }

  @Test
  void checksLimitsWithoutOverflow() {
    NetworkSpec spec =
        TestNetworks.spec(4, Loss.CROSS_ENTROPY, 8, Activation.TANH, 3, Activation.SOFTMAX);
    assertThat(spec.parameterCount()).isEqualTo(8 * 5 + 3 * 9);
    spec.checkLimits(8, 67);
    InvalidNetworkException units = refused(() -> spec.checkLimits(7, 1000));
    assertThat(units.field()).isEqualTo("layers[0].units");
    InvalidNetworkException params = refused(() -> spec.checkLimits(100, 66));
    assertThat(params.field()).isEqualTo("layers");
    assertThat(params.getMessage()).contains("67", "66");
    assertThat(refused(() -> spec.checkLimits(3, 1000)).field()).isEqualTo("inputs");

    NetworkSpec huge =
        TestNetworks.spec(
            Integer.MAX_VALUE,
            Loss.QUADRATIC,
            Integer.MAX_VALUE,
            Activation.RELU,
            Integer.MAX_VALUE,
            Activation.RELU,
            Integer.MAX_VALUE,
            Activation.IDENTITY);
    assertThat(huge.parameterCount()).isEqualTo(Long.MAX_VALUE);
    assertThat(refused(() -> huge.checkLimits(Integer.MAX_VALUE, Long.MAX_VALUE - 1)).field())
        .isEqualTo("layers");
  }

  @Test
  void defaultsAndClassification() {
    assertThat(
            TestNetworks.spec(2, Loss.QUADRATIC, 3, Activation.TANH, 1, Activation.IDENTITY)
                .initializer())
        .isEqualTo(Initializer.XAVIER);
    assertThat(
            TestNetworks.spec(2, Loss.QUADRATIC, 3, Activation.LEAKY_RELU, 1, Activation.IDENTITY)
                .initializer())
        .isEqualTo(Initializer.HE);
    assertThat(TestNetworks.spec(2, Loss.CROSS_ENTROPY, 3, Activation.SOFTMAX).isClassifier())
        .isTrue();
    assertThat(
            TestNetworks.spec(2, Loss.BINARY_CROSS_ENTROPY, 1, Activation.SIGMOID).isClassifier())
        .isTrue();
    assertThat(TestNetworks.spec(2, Loss.QUADRATIC, 1, Activation.SIGMOID).isClassifier())
        .isFalse();
  }

  @Test
  void namesRoundTripAndUnknownNamesListTheAllowedOnes() {
    for (Activation a : Activation.values()) {
      assertThat(Activation.fromName(a.apiName())).isEqualTo(a);
    }
    for (Loss l : Loss.values()) {
      assertThat(Loss.fromName(l.apiName())).isEqualTo(l);
    }
    for (Optimizer o : Optimizer.values()) {
      assertThat(Optimizer.fromName(o.apiName())).isEqualTo(o);
    }
    for (Initializer i : Initializer.values()) {
      assertThat(Initializer.fromName(i.apiName())).isEqualTo(i);
    }
    assertThatThrownBy(() -> Activation.fromName("swish"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigmoid, tanh, relu, leaky_relu, arctan, identity, softmax, step");
    assertThatThrownBy(() -> Loss.fromName("RELU")).hasMessageContaining("binary_cross_entropy");
  }

  @Test
  void activationDerivativesSideBySide() {
    assertThat(Activation.SIGMOID.value(0f)).isEqualTo(0.5f);
    assertThat(Activation.SIGMOID.derivative(0f)).isEqualTo(0.25f);
    assertThat(Activation.TANH.derivative(0f)).isEqualTo(1f);
    assertThat(Activation.RELU.derivative(-1f)).isEqualTo(0f);
    assertThat(Activation.LEAKY_RELU.value(-1f)).isEqualTo(-0.01f);
    assertThat(Activation.LEAKY_RELU.derivative(-1f)).isEqualTo(0.01f);
    assertThat(Activation.ARCTAN.derivative(1f)).isEqualTo(0.5f);
    assertThat(Activation.STEP.derivative(3f)).isEqualTo(0f);
    assertThat(Activation.TANH.value(0.5f))
        .isCloseTo((float) Math.tanh(0.5), org.assertj.core.api.Assertions.within(1e-7f));
  }

  @Test
  void parametersAreValidatedAndCopied() {
    assertThatThrownBy(
            () ->
                Parameters.of(
                    List.of(new float[][] {{1, 2}}, new float[][] {{1, 2, 3}}),
                    List.of(new float[] {0}, new float[] {0})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns");
    Parameters p =
        Parameters.of(List.<float[][]>of(new float[][] {{1, 2}}), List.of(new float[] {3}));
    p.weightsMatrix(0)[0][0] = 99;
    p.biases(0)[0] = 99;
    assertThat(p.weightsMatrix(0)[0][0]).isEqualTo(1f);
    assertThat(p.biases(0)[0]).isEqualTo(3f);
    assertThat(p.matches(TestNetworks.spec(2, Loss.QUADRATIC, 1, Activation.IDENTITY))).isTrue();
    assertThat(p.matches(TestNetworks.spec(3, Loss.QUADRATIC, 1, Activation.IDENTITY))).isFalse();
  }

  @Test
  void standardizationMapsConstantColumnsToZero() {
    float[][] rows = {{1f, 5f}, {3f, 5f}};
    Standardization st = Standardization.fit(rows);
    assertThat(st.std()).containsExactly(1f, 1f);
    assertThat(st.mean()).containsExactly(2f, 5f);
    assertThat(st.apply(rows)).isDeepEqualTo(new float[][] {{-1f, 0f}, {1f, 0f}});
    float[] flat = {1f, 5f, 3f, 5f};
    st.applyInPlace(flat, 2);
    assertThat(flat).containsExactly(-1f, 0f, 1f, 0f);
  }
}
