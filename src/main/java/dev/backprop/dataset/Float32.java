package dev.backprop.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** The stored form of data set values: float32, little-endian, row-major. */
final class Float32 {

  private Float32() {}

  static byte[] encode(float[][] rows, int width) {
    ByteBuffer bytes =
        ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(rows.length, width), Float.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer floats = bytes.asFloatBuffer();
    for (float[] row : rows) {
      floats.put(row);
    }
    return bytes.array();
  }

  static float[][] decode(byte[] blob, int rows, int width) {
    if (blob.length != (long) rows * width * Float.BYTES) {
      throw new IllegalStateException(
          "a blob of " + blob.length + " bytes cannot hold " + rows + " x " + width + " floats");
    }
    FloatBuffer floats = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[][] result = new float[rows][width];
    for (float[] row : result) {
      floats.get(row);
    }
    return result;
  }

  /** A growing float32 blob, filled value by value while a CSV streams in. */
  static final class Builder {
    private byte[] bytes = new byte[1 << 12];
    private ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    private int size;

    void add(float value) {
      if (size + Float.BYTES > bytes.length) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) bytes.length * 2);
        if (capacity < size + Float.BYTES) {
          throw new IllegalStateException("a data set blob is limited to 2 GB");
        }
        bytes = Arrays.copyOf(bytes, capacity);
        view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      }
      view.putFloat(size, value);
      size += Float.BYTES;
    }

    byte[] toByteArray() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }
}
