package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jSmokeTest {
  @Test
  void multiplies() {
    var a = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c');
    assertThat(a.mmul(a).getFloat(0, 0)).isEqualTo(7f);
  }
}
