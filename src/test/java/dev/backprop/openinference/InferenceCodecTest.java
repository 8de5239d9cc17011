package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link InferenceCodec#json}: byte for byte what the mapper writes for the answer's record. */
class InferenceCodecTest {

  static final JsonMapper MAPPER = JsonMapper.builder().build();
  static final InferenceCodec CODEC = new InferenceCodec(MAPPER);

  @Test
  void theJsonAnswerIsWhatTheMapperWritesForTheRecord() {
    Random random = new Random(18);
    float[] edges = {
      0f,
      -0f,
      1f,
      -1f,
      0.1f,
      1e-45f,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      1e7f,
      1e-3f,
      123456.78f,
      9.999999e-4f
    };
    for (int i = 0; i < 200; i++) {
      int rows = 1 + random.nextInt(4);
      int units = 1 + random.nextInt(12);
      float[] data = new float[rows * units];
      for (int v = 0; v < data.length; v++) {
        data[v] =
            switch (random.nextInt(3)) {
              case 0 -> edges[random.nextInt(edges.length)];
              case 1 -> Float.intBitsToFloat(random.nextInt()) % 1e6f;
              default -> random.nextFloat();
            };
        if (!Float.isFinite(data[v])) {
          data[v] = 0.5f;
        }
      }
      InferenceResponse response =
          new InferenceResponse(
              "model-" + i,
              Integer.toString(i),
              i % 2 == 0 ? null : "req-\"" + i + "\"",
              i % 5 == 0 ? Map.of("k", i) : null,
              List.of(
                  new InferenceResponse.Output("output", "FP32", new long[] {rows, units}, data)));
      assertThat(new String(CODEC.json(response), StandardCharsets.UTF_8))
          .isEqualTo(MAPPER.writeValueAsString(response));
    }
  }

  /**
   * {@link AnswerHeader} writes what the generator writes, and leaves to it every answer with a
   * string to escape, a slash or parameters; the values follow the header as little-endian FP32.
   */
  @Test
  void theBinaryHeaderIsWhatTheGeneratorWrites() {
    String[] ids = {
      null, "", "req-1", "a b~!@#$%^&*()", "req-\"q\"", "back\\slash", "a/b", "é", "\u0001"
    };
    Map<String, Object> parameters = Map.of("k", 1);
    for (String id : ids) {
      for (int outputs = 1; outputs <= 2; outputs++) {
        for (Map<String, Object> params : Arrays.asList(null, parameters)) {
          List<InferenceResponse.Output> list = new ArrayList<>();
          for (int o = 0; o < outputs; o++) {
            list.add(
                new InferenceResponse.Output(
                    "output", "FP32", new long[] {2, 3}, new float[] {1f, -0f, 0.5f, 7, 8, 9}));
          }
          InferenceResponse response = new InferenceResponse("mnist-2", "12", id, params, list);
          byte[] generated = CODEC.generatedHeader(response);
          byte[] written = AnswerHeader.of(response);
          boolean plain = params == null && (id == null || id.matches("[ -~&&[^\"\\\\/]]*"));
          if (plain) {
            assertThat(written).as("id %s", id).isEqualTo(generated);
          } else {
            assertThat(written).as("id %s", id).isNull();
          }
          InferenceCodec.Encoded encoded = CODEC.binary(response);
          assertThat(encoded.headerLength()).isEqualTo(generated.length);
          assertThat(Arrays.copyOf(encoded.body(), generated.length)).isEqualTo(generated);
          FloatBuffer values =
              ByteBuffer.wrap(encoded.body(), generated.length, outputs * 24)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .asFloatBuffer();
          for (int o = 0; o < outputs; o++) {
            for (float value : list.get(o).data()) {
              assertThat(Float.floatToRawIntBits(values.get()))
                  .isEqualTo(Float.floatToRawIntBits(value));
            }
          }
          assertThat(encoded.body()).hasSize(generated.length + outputs * 24);
        }
      }
    }
  }
}
