package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApiNamedTest {

  @Test
  void apiNamesAreTheLowerCaseJavaNames() {
    assertThat(Arrays.stream(Activation.values()).map(Activation::apiName))
        .containsExactly(
            "sigmoid", "tanh", "relu", "leaky_relu", "arctan", "identity", "softmax", "step");
    assertThat(Arrays.stream(Loss.values()).map(Loss::apiName))
        .containsExactly("quadratic", "cross_entropy", "binary_cross_entropy");
    assertThat(Arrays.stream(Optimizer.values()).map(Optimizer::apiName))
        .containsExactly("sgd", "momentum", "adam");
    assertThat(Arrays.stream(Initializer.values()).map(Initializer::apiName))
        .containsExactly("xavier", "he");
  }

  @Test
  void parseFindsTheConstantOrNamesWhatIsAllowed() {
    assertThat(ApiNamed.parse(Loss.class, "cross_entropy", "loss")).isEqualTo(Loss.CROSS_ENTROPY);
    assertThatThrownBy(() -> ApiNamed.parse(Optimizer.class, "SGD", "optimizer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown optimizer 'SGD'; allowed: sgd, momentum, adam");
    assertThatThrownBy(() -> Initializer.fromName(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown initializer 'null'; allowed: xavier, he");
  }
}
