package dev.backprop.openinference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Map;

/**
 * Triton's binary tensor data extension, on the request's side: which inputs carry binary data,
 * their values decoded from the bytes after the JSON header, and whether the output is wanted as
 * binary data.
 *
 * <p>An input sent as binary data has no {@code data} but {@code "parameters": {
 * "binary_data_size": n }}; its n bytes follow the JSON header, after those of the inputs before
 * it, little-endian and row-major without padding: 4 bytes a value for FP32, 8 for FP64. An output
 * comes back as binary data when its entry in {@code outputs} has {@code "parameters": {
 * "binary_data": true }}, or, if no entry says, when the request has {@code "parameters": {
 * "binary_data_output": true }}.
 */
final class BinaryTensors {

  /** The HTTP header that gives the JSON header's length, and so makes a request binary. */
  static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  static final String BINARY_DATA_SIZE = "binary_data_size";
  static final String BINARY_DATA = "binary_data";
  static final String BINARY_DATA_OUTPUT = "binary_data_output";

  private BinaryTensors() {}

  /**
   * The values of every input sent as binary data, decoded from {@code data} (from its position to
   * its limit: all the body after the JSON header), which they must use up exactly.
   */
  static float[][] decode(InferenceRequest request, ByteBuffer data) {
    List<InferenceRequest.Input> inputs = request.inputs() == null ? List.of() : request.inputs();
    float[][] values = new float[inputs.size()][];
    long declared = 0;
    for (int i = 0; i < inputs.size(); i++) {
      InferenceRequest.Input input = inputs.get(i);
      Long size = binaryDataSize(input, i);
      if (size == null) {
        continue;
      }
      declared += size;
      values[i] = decode(input, size, data);
    }
    if (data.hasRemaining()) {
      throw InputTensor.invalid(
          "the body holds "
              + data.remaining()
              + " more bytes after the binary data of the inputs ("
              + declared
              + " bytes, as their parameters."
              + BINARY_DATA_SIZE
              + " declare); it must end there");
    }
    return values;
  }

  /** Refuses a request without binary data whose inputs nonetheless declare some. */
  static void requireNone(InferenceRequest request) {
    List<InferenceRequest.Input> inputs = request.inputs() == null ? List.of() : request.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      if (binaryDataSize(inputs.get(i), i) != null) {
        throw InputTensor.invalid(
            "input '"
                + inputs.get(i).name()
                + "' has parameters."
                + BINARY_DATA_SIZE
                + " but the request has no "
                + HEADER_LENGTH
                + " header, so it carries no binary data");
      }
    }
  }

  /** Whether the output goes back as binary data; refuses a flag that is not a boolean. */
  static boolean outputRequested(InferenceRequest request) {
    List<InferenceRequest.RequestedOutput> outputs = request.outputs();
    for (int i = 0; outputs != null && i < outputs.size(); i++) {
      InferenceRequest.RequestedOutput output = outputs.get(i);
      if (output != null
          && output.parameters() != null
          && output.parameters().containsKey(BINARY_DATA)) {
        return flag(
            output.parameters().get(BINARY_DATA), "outputs[" + i + "].parameters." + BINARY_DATA);
      }
    }
    Map<String, Object> parameters = request.parameters();
    return parameters != null
        && parameters.containsKey(BINARY_DATA_OUTPUT)
        && flag(parameters.get(BINARY_DATA_OUTPUT), "parameters." + BINARY_DATA_OUTPUT);
  }

  private static float[] decode(InferenceRequest.Input input, long size, ByteBuffer data) {
    String name = input.name();
    if (input.data() != null) {
      throw InputTensor.invalid(
          "input '"
              + name
              + "' has both 'data' and parameters."
              + BINARY_DATA_SIZE
              + "; send its values one way");
    }
    int width = elementSize(input);
    long count = elementCount(input);
    long expected = multiplyOrMax(count, width);
    if (expected != size) {
      throw InputTensor.invalid(
          "input '"
              + name
              + "' has parameters."
              + BINARY_DATA_SIZE
              + " "
              + size
              + " but its shape "
              + input.shape()
              + " of "
              + input.datatype()
              + " takes "
              + (expected == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : expected)
              + " bytes");
    }
    if (size > data.remaining()) {
      throw InputTensor.invalid(
          "input '"
              + name
              + "' has parameters."
              + BINARY_DATA_SIZE
              + " "
              + size
              + " but only "
              + data.remaining()
              + " bytes of binary data are left in the body");
    }
    ByteBuffer bytes = data.slice(data.position(), (int) size).order(ByteOrder.LITTLE_ENDIAN);
    data.position(data.position() + (int) size);
    float[] values = new float[(int) count];
    if (width == Float.BYTES) {
      bytes.asFloatBuffer().get(values);
    } else {
      DoubleBuffer doubles = bytes.asDoubleBuffer();
      for (int v = 0; v < values.length; v++) {
        values[v] = (float) doubles.get(v);
      }
    }
    return values;
  }

  /** The input's {@code binary_data_size}, or null if it has none. */
  private static Long binaryDataSize(InferenceRequest.Input input, int index) {
    if (input == null || input.parameters() == null) {
      return null;
    }
    Object size = input.parameters().get(BINARY_DATA_SIZE);
    if (size == null) {
      return null;
    }
    boolean integral = size instanceof Integer || size instanceof Long;
    if (!integral || ((Number) size).longValue() < 0) {
      throw InputTensor.invalid(
          "inputs["
              + index
              + "].parameters."
              + BINARY_DATA_SIZE
              + " must be a byte count (an integer, 0 or more), was "
              + shown(size));
    }
    return ((Number) size).longValue();
  }

  private static int elementSize(InferenceRequest.Input input) {
    if (InputTensor.FP32.equals(input.datatype())) {
      return Float.BYTES;
    }
    if (InputTensor.FP64.equals(input.datatype())) {
      return Double.BYTES;
    }
    throw InputTensor.invalid(
        "input '"
            + input.name()
            + "' has datatype "
            + input.datatype()
            + "; binary data is read as FP32 or FP64");
  }

  private static long elementCount(InferenceRequest.Input input) {
    List<Long> shape = input.shape();
    if (shape == null || shape.isEmpty()) {
      throw InputTensor.invalid("input '" + input.name() + "' needs a 'shape'");
    }
    long count = 1;
    for (Long dimension : shape) {
      if (dimension == null || dimension < 0) {
        throw InputTensor.invalid(
            "input '" + input.name() + "' has shape " + shape + "; dimensions are 0 or more");
      }
      count = multiplyOrMax(count, dimension);
    }
    return count;
  }

  /** {@code a × b} for {@code a, b >= 0}, or {@link Long#MAX_VALUE} where that overflows. */
  private static long multiplyOrMax(long a, long b) {
    return a == 0 || b <= Long.MAX_VALUE / a ? a * b : Long.MAX_VALUE;
  }

  private static boolean flag(Object value, String field) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw InputTensor.invalid(field + " must be true or false, was " + shown(value));
  }

  /** A parameter's value as it was written: strings in quotes. */
  private static String shown(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
