package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationTest {

  @Test
  void positiveMaskIsAllOnesExactlyWhenSIsPositive() {
    float[] special = {
      0f,
      -0f,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.MIN_NORMAL,
      1f,
      -1f,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN,
      Float.intBitsToFloat(0xffc00000)
    };
    for (float s : special) {
      assertThat(Activation.positiveMask(s)).as("s = %s", s).isEqualTo(s > 0f ? -1 : 0);
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      float s = Float.intBitsToFloat(random.nextInt());
      assertThat(Activation.positiveMask(s)).as("s = %s", s).isEqualTo(s > 0f ? -1 : 0);
    }
  }

  @Test
  void reluDerivativeKeepsDeltaWherePositiveAndZeroesItElsewhere() {
    float[] s = {2f, -2f, 0f, -0f, Float.NaN, 1e-40f};
    float[] delta = {3f, 3f, 3f, 3f, 3f, -5f};
    Activation.RELU.multiplyByDerivative(s, null, delta, s.length);
    assertThat(delta).containsExactly(3f, 0f, 0f, 0f, 0f, -5f);
  }
}
