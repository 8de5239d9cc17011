package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
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
  void theSizeHintHoldsTheEncodingWithLittleToSpare() {
    Object[] deep = new Object[20];
    for (int l = 0; l < 20; l += 2) {
      deep[l] = 7;
      deep[l + 1] = Activation.LEAKY_RELU;
    }
    NetworkSpec large = TestNetworks.reluClassifier(784, 10, 256, 128);
    NetworkSpec narrowAndDeep = TestNetworks.spec(2, Loss.QUADRATIC, deep);
    float[] mean = new float[784];
    float[] std = new float[784];
    Arrays.fill(std, 1f);
    for (Model model :
        new Model[] {
          model(),
          new Model(large, Parameters.initialize(large), new Standardization(mean, std)),
          new Model(narrowAndDeep, Parameters.initialize(narrowAndDeep), null)
        }) {
      int encoded = ModelCodec.encode(model).length;
      assertThat(ModelCodec.sizeHint(model.spec()))
          .as("%s", model.spec())
          .isBetween(encoded, encoded + 1024);
    }
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

  /**
   * The floats are converted a chunk at a time: across chunk boundaries, and with the values whose
   * bits a float conversion could change (a NaN's payload, −0), the bytes are still those of one
   * {@code writeInt(floatToRawIntBits(v))} per value, and they read back bit for bit.
   */
  @Test
  void floatsAreTheirRawBitsBigEndianAcrossChunks() throws IOException {
    for (int n : new int[] {0, 1, 8191, 8192, 8193, 20_000}) {
      float[] values = new float[n];
      SplittableRandom random = new SplittableRandom(n);
      for (int i = 0; i < n; i++) {
        values[i] = Float.intBitsToFloat(random.nextInt());
      }
      if (n > 8193) {
        values[8191] = Float.intBitsToFloat(0x7fc0_1234); // a quiet NaN with a payload
        values[8192] = Float.intBitsToFloat(0xff80_0001); // a signalling NaN
        values[8193] = -0.0f;
      }
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      ModelCodec.writeFloats(new DataOutputStream(written), values);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      DataOutputStream reference = new DataOutputStream(expected);
      reference.writeInt(n);
      for (float v : values) {
        reference.writeInt(Float.floatToRawIntBits(v));
      }
      assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
      float[] read = ModelCodec.readFloats(stream(written.toByteArray()), n);
      assertThat(bitsOf(read)).isEqualTo(bitsOf(values));
    }
  }

  @Test
  void floatsCutShortOrMiscountedAreRefused() throws IOException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ModelCodec.writeFloats(new DataOutputStream(written), new float[10_000]);
    byte[] bytes = written.toByteArray();
    byte[] cut = Arrays.copyOf(bytes, 4 + 9_000 * Float.BYTES + 2); // inside the second chunk
    assertThatThrownBy(() -> ModelCodec.readFloats(stream(cut), 10_000))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> ModelCodec.readFloats(stream(bytes), 9_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 9999 values, found 10000");
  }

  private static DataInputStream stream(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  private static int[] bitsOf(float[] v) {
    int[] bits = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      bits[i] = Float.floatToRawIntBits(v[i]);
    }
    return bits;
  }
}
