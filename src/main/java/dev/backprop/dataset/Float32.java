package dev.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
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

  /**
   * Decodes a blob as it streams in, one row at a time, so that no copy of the whole blob is made
   * here besides the rows themselves.
   */
  static float[][] decode(InputStream blob, int rows, int width) throws IOException {
    float[][] result = new float[rows][width];
    byte[] buffer = new byte[Math.multiplyExact(width, Float.BYTES)];
    FloatBuffer floats = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < rows; i++) {
      int read = blob.readNBytes(buffer, 0, buffer.length);
      if (read < buffer.length) {
        throw new IllegalStateException(
            "a blob that ends in row " + i + " cannot hold " + rows + " x " + width + " floats");
      }
      floats.rewind();
      floats.get(result[i]);
    }
    if (blob.read() != -1) {
      throw new IllegalStateException(
          "a blob longer than " + rows + " x " + width + " floats cannot be decoded");
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
