package dev.backprop.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PyTorch-made fixtures under {@code src/test/resources/onnx/} (see make_fixtures.py there):
 * each accepted model with the network it should define, input rows, and PyTorch's outputs.
 */
final class Fixtures {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The models the import accepts; each has a JSON record beside it. */
  static final List<String> ACCEPTED =
      List.of("iris_gemm", "iris_gemm_transb0", "regression_matmul", "binary_float64", "deep_atan");

  private Fixtures() {}

  /** The bytes of {@code <name>.onnx}. */
  static byte[] onnx(String name) {
    return bytes(name + ".onnx");
  }

  /** The record of {@code <name>.onnx}: layers, loss, inputs and PyTorch's outputs. */
  static JsonNode record(String name) {
    return JSON.readTree(bytes(name + ".json"));
  }

  static float[][] matrix(JsonNode rows) {
    List<JsonNode> list = rows.valueStream().toList();
    float[][] m = new float[list.size()][];
    for (int r = 0; r < m.length; r++) {
      List<JsonNode> values = list.get(r).valueStream().toList();
      m[r] = new float[values.size()];
      for (int c = 0; c < m[r].length; c++) {
        m[r][c] = (float) values.get(c).doubleValue();
      }
    }
    return m;
  }

  private static byte[] bytes(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/onnx/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
