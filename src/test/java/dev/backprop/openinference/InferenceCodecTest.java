package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
