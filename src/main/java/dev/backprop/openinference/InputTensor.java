package dev.backprop.openinference;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.prediction.InputRows;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the protocol's input tensor into rows: checks the name, datatype and shape against the
 * network, and takes {@code data} flat (row-major) or nested as the shape says, or the values
 * already decoded from binary data ({@link BinaryTensors}).
 */
final class InputTensor {

  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String FP32 = "FP32";
  static final String FP64 = "FP64";

  private InputTensor() {}

  /** A request the protocol refuses with a 400; the message is the whole {@code error}. */
  static InvalidFieldException invalid(String message) {
    return new InvalidFieldException(Subject.INPUT, message, List.of());
  }

  /**
   * The input's checked rows ({@code shape[0]} of them): its values from {@code binary} where it
   * was sent as binary data (already as many as its shape says), else from its JSON {@code data}.
   */
  static InputRows read(InferenceRequest.Input input, float[] binary, int width, int maxRows) {
    int rows = rows(input, width, maxRows);
    boolean fp64 = FP64.equals(input.datatype());
    if (binary == null) {
      return new InputRows(fromJson(input, rows, width, fp64), rows);
    }
    for (int i = 0; i < binary.length; i++) {
      if (!Float.isFinite(binary[i])) {
        throw notFinite(i, fp64, binary[i]);
      }
    }
    return new InputRows(binary, rows);
  }

  /** Checks the input's name, datatype and shape; the number of rows it holds. */
  private static int rows(InferenceRequest.Input input, int width, int maxRows) {
    if (input == null) {
      throw invalid("inputs[0] must be an object");
    }
    if (!INPUT.equals(input.name())) {
      throw invalid(
          "unexpected input '" + input.name() + "'; the model's only input is '" + INPUT + "'");
    }
    String datatype = input.datatype();
    if (!FP32.equals(datatype) && !FP64.equals(datatype)) {
      throw invalid(
          "input '"
              + INPUT
              + "' has datatype "
              + datatype
              + " but the model takes FP32 (FP64 is accepted too)");
    }
    List<Long> shape = input.shape();
    if (shape == null
        || shape.size() != 2
        || shape.get(0) == null
        || shape.get(1) == null
        || shape.get(0) < 1
        || shape.get(1) != width) {
      throw invalid(
          "input '"
              + INPUT
              + "' has shape "
              + shape
              + " but the model takes [rows, "
              + width
              + "] with at least one row");
    }
    long rows = shape.get(0);
    if (rows > maxRows) {
      throw invalid(
          "at most "
              + maxRows
              + " rows per request are allowed (backprop.limits.max-prediction-rows), got "
              + rows);
    }
    return (int) rows;
  }

  /** The values of {@code data}, flat (row-major) or nested as the shape says. */
  private static float[] fromJson(InferenceRequest.Input input, int n, int width, boolean fp64) {
    List<Long> shape = input.shape();
    JsonNode data = input.data();
    if (data == null || !data.isArray()) {
      throw invalid("input '" + INPUT + "' needs 'data', an array");
    }
    float[] values = new float[n * width];
    if (data.size() > 0 && data.get(0).isArray()) {
      if (data.size() != n) {
        throw shapeMismatch(shape, "has " + data.size() + " rows");
      }
      for (int r = 0; r < n; r++) {
        JsonNode row = data.get(r);
        if (!row.isArray() || row.size() != width) {
          throw shapeMismatch(
              shape, "row " + r + (row.isArray() ? " has " + row.size() + " values" : " is not"));
        }
        for (int c = 0; c < width; c++) {
          values[r * width + c] = value(row.get(c), r * width + c, fp64);
        }
      }
    } else {
      if (data.size() != values.length) {
        throw shapeMismatch(shape, "has " + data.size() + " values");
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = value(data.get(i), i, fp64);
      }
    }
    return values;
  }

  private static float value(JsonNode node, int index, boolean fp64) {
    if (node == null || !node.isNumber()) {
      throw invalid("input '" + INPUT + "' data[" + index + "] must be a number, was " + node);
    }
    double value = node.asDouble();
    float f = (float) value;
    if (!Float.isFinite(f)) {
      throw notFinite(index, fp64, value);
    }
    return f;
  }

  private static InvalidFieldException notFinite(int index, boolean fp64, double value) {
    return invalid(
        "input '"
            + INPUT
            + "' data["
            + index
            + "] must be finite and within FP32 range"
            + (fp64 ? " (FP64 inputs are converted to FP32)" : "")
            + ", was "
            + value);
  }

  private static InvalidFieldException shapeMismatch(List<Long> shape, String what) {
    return invalid("input '" + INPUT + "' data does not match its shape " + shape + ": it " + what);
  }
}
