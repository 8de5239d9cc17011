package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.InvalidFieldException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link TensorData}: values read from the tokens, checked against the shape in written order. */
class TensorDataTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static float[] read(String shape, String data, int width) {
    InferenceRequest.Input input =
        MAPPER.readValue(
            "{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": "
                + shape
                + ", \"data\": "
                + data
                + "}",
            InferenceRequest.Input.class);
    return InputTensor.read(input, null, width, 1000).values();
  }

  private static String refusal(String shape, String data, int width) {
    return assertThatThrownBy(() -> read(shape, data, width))
        .isInstanceOf(InvalidFieldException.class)
        .actual()
        .getMessage();
  }

  @Test
  void flatAndNestedDataGiveTheSameRowMajorValues() {
    float[] expected = {5.1f, 3.5f, 1, 0.2f, 6.7f, 3, 5.2f, 2.3f};
    assertThat(read("[2, 4]", "[5.1, 3.5, 1, 0.2, 6.7, 3.0, 5.2, 2.3]", 4)).isEqualTo(expected);
    assertThat(read("[2, 4]", "[[5.1, 3.5, 1, 0.2], [6.7, 3.0, 5.2, 2.3]]", 4)).isEqualTo(expected);
  }

  @Test
  void manyValuesGrowTheBufferAndComeBackExactly() {
    float[] values = new float[3000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f;
    }
    String data = Arrays.toString(values);
    assertThat(read("[1, 3000]", data, 3000)).isEqualTo(values);
    assertThat(read("[1, 3000]", data, 3000)).isEqualTo(values);
  }

  @Test
  void dataThatDoesNotMatchTheShapeSaysHow() {
    assertThat(refusal("[1, 4]", "[1, 2, 3]", 4))
        .isEqualTo("input 'input' data does not match its shape [1, 4]: it has 3 values");
    assertThat(refusal("[2, 2]", "[[1, 2]]", 2))
        .isEqualTo("input 'input' data does not match its shape [2, 2]: it has 1 rows");
    assertThat(refusal("[2, 2]", "[[1, 2], [3, 4, 5]]", 2))
        .isEqualTo("input 'input' data does not match its shape [2, 2]: it row 1 has 3 values");
    assertThat(refusal("[2, 2]", "[[1, 2], 3]", 2))
        .isEqualTo("input 'input' data does not match its shape [2, 2]: it row 1 is not");
    assertThat(refusal("[1, 2]", "null", 2)).isEqualTo("input 'input' needs 'data', an array");
    assertThat(refusal("[1, 2]", "{\"a\": 1}", 2))
        .isEqualTo("input 'input' needs 'data', an array");
  }

  @Test
  void theFirstValueThatIsNotAFiniteNumberIsNamedByItsRowMajorIndex() {
    assertThat(refusal("[1, 3]", "[1, \"a\", [2]]", 3))
        .isEqualTo("input 'input' data[1] must be a number, was \"a\"");
    assertThat(refusal("[2, 2]", "[[1, 2], [3, {\"b\": null}]]", 2))
        .isEqualTo("input 'input' data[3] must be a number, was {\"b\":null}");
    assertThat(refusal("[1, 2]", "[1e39, null]", 2))
        .isEqualTo("input 'input' data[0] must be finite and within FP32 range, was 1.0E39");
    // rows are checked in order: a bad value in row 0 before the wrong length of row 1
    assertThat(refusal("[2, 2]", "[[1, null], [3]]", 2))
        .isEqualTo("input 'input' data[1] must be a number, was null");
    assertThat(refusal("[2, 2]", "[[1, 2], [3], [true]]", 2))
        .isEqualTo("input 'input' data does not match its shape [2, 2]: it has 3 rows");
  }
}
