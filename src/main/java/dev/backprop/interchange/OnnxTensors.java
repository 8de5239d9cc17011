package dev.backprop.interchange;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorProto.DataType;

/**
 * Float tensors to and from ONNX's {@link TensorProto}. Written as float32 {@code raw_data}
 * (little-endian, as ONNX specifies); read from float32 or float64, in {@code raw_data} or in the
 * typed fields, checking the declared shape against the values actually present before anything is
 * allocated, so a tensor cannot claim more memory than the request's bytes.
 */
final class OnnxTensors {

  private OnnxTensors() {}

  /** A named float32 tensor of the given shape holding {@code values} (row-major). */
  static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    TensorProto.Builder tensor =
        TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT.getNumber());
    for (long d : dims) {
      tensor.addDims(d);
    }
    return tensor.setRawData(ByteString.copyFrom(bytes.array())).build();
  }

  /** The shape of a tensor. */
  static long[] dims(TensorProto tensor) {
    long[] dims = new long[tensor.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = tensor.getDims(i);
    }
    return dims;
  }

  /**
   * The values of a float32 or float64 tensor as float32, row-major.
   *
   * @throws IllegalArgumentException saying what is wrong: another data type, data kept outside the
   *     model file, or fewer or more values than the shape declares
   */
  static float[] values(TensorProto tensor) {
    if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw new IllegalArgumentException(
          "keeps its values in an external file; export the model with its weights inside");
    }
    long count = count(tensor);
    int type = tensor.getDataType();
    if (type == DataType.FLOAT.getNumber()) {
      return tensor.getRawData().isEmpty()
          ? fromFloatData(tensor, count)
          : fromRaw(tensor, count, 4);
    }
    if (type == DataType.DOUBLE.getNumber()) {
      return tensor.getRawData().isEmpty()
          ? fromDoubleData(tensor, count)
          : fromRaw(tensor, count, 8);
    }
    DataType named = DataType.forNumber(type);
    throw new IllegalArgumentException(
        "has data type "
            + (named == null ? String.valueOf(type) : named.name())
            + "; only float32 (FLOAT) and float64 (DOUBLE) values are read");
  }

  /** The number of values the shape declares (1 for a scalar), refusing negative dimensions. */
  private static long count(TensorProto tensor) {
    long count = 1;
    for (long d : tensor.getDimsList()) {
      if (d < 0) {
        throw new IllegalArgumentException("has a negative dimension " + d);
      }
      count = d == 0 || count == 0 ? 0 : saturatingMultiply(count, d);
    }
    return count;
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
  }

  private static float[] fromRaw(TensorProto tensor, long count, int width) {
    ByteString raw = tensor.getRawData();
    if (raw.size() % width != 0 || raw.size() / width != count) {
      throw mismatch(count, raw.size() / width);
    }
    ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = width == 4 ? bytes.getFloat() : (float) bytes.getDouble();
    }
    return values;
  }

  private static float[] fromFloatData(TensorProto tensor, long count) {
    if (tensor.getFloatDataCount() != count) {
      throw mismatch(count, tensor.getFloatDataCount());
    }
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.getFloatData(i);
    }
    return values;
  }

  private static float[] fromDoubleData(TensorProto tensor, long count) {
    if (tensor.getDoubleDataCount() != count) {
      throw mismatch(count, tensor.getDoubleDataCount());
    }
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) tensor.getDoubleData(i);
    }
    return values;
  }

  private static IllegalArgumentException mismatch(long declared, long present) {
    return new IllegalArgumentException(
        "declares "
            + (declared == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : declared)
            + " values in its shape but holds "
            + present);
  }
}
