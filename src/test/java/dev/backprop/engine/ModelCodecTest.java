package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelCodecTest {
  static Model model() {
    NetworkSpec spec =
        TestNetworks.spec(3, Loss.CROSS_ENTROPY, 5, Activation.LEAKY_RELU, 4, Activation.SOFTMAX);
    Parameters p = Parameters.initialize(spec);
    p.b(0)[1] = -0.0f;
    p.b(1)[0] = Float.MIN_VALUE;
    return new Model(
        spec, p, new Standardization(new float[] {1.5f, -2f, 0f}, new float[] {0.3f, 1f, 7e-5f}));
  }

  @Test
  void roundTripIsBitExact() {
    Model model = model();
    byte[] bytes = ModelCodec.encode(model);
    Model decoded = ModelCodec.decode(bytes);
    assertThat(decoded.spec()).isEqualTo(model.spec());
    assertThat(decoded.standardization()).isEqualTo(model.standardization());
    for (int l = 0; l < 2; l++) {
      assertThat(bitsOf(decoded.parameters().w(l))).isEqualTo(bitsOf(model.parameters().w(l)));
      assertThat(bitsOf(decoded.parameters().b(l))).isEqualTo(bitsOf(model.parameters().b(l)));
    }
    assertThat(ModelCodec.encode(decoded)).isEqualTo(bytes);
  }

  @Test
  void roundTripWithoutStandardization() {
    Model model = new Model(model().spec(), model().parameters(), null);
    assertThat(ModelCodec.decode(ModelCodec.encode(model)).standardization()).isNull();
  }

  @Test
  void refusesCorruptAndTruncatedInput() {
    byte[] bytes = ModelCodec.encode(model());
    for (int cut : new int[] {0, 3, 11, 20, bytes.length - 1}) {
      assertThatThrownBy(() -> ModelCodec.decode(Arrays.copyOf(bytes, cut)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] flipped = bytes.clone();
    flipped[40] ^= 0x10;
    assertThatThrownBy(() -> ModelCodec.decode(flipped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
    byte[] wrongMagic = bytes.clone();
    wrongMagic[0] = 'X';
    assertThatThrownBy(() -> ModelCodec.decode(wrongMagic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magic");
    assertThatThrownBy(() -> ModelCodec.decode(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] bitsOf(float[] v) {
    int[] bits = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      bits[i] = Float.floatToRawIntBits(v[i]);
    }
    return bits;
  }
}
