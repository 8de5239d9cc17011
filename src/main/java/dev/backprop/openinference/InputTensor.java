package dev.backprop.openinference;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.prediction.InputRows;
import java.util.List;

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
    TensorData data = input.data();
    if (data == null || !data.isArray()) {
      throw invalid("input '" + INPUT + "' needs 'data', an array");
    }
    return data.values(input.shape(), n, width, fp64);
  }

  static InvalidFieldException notFinite(int index, boolean fp64, double value) {
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
}
