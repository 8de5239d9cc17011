package dev.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The first stored form of data set values ({@code datasets.features} and {@code targets} of rows
 * stored before {@code V8}): float32, little-endian, row-major, one blob per part. Such rows are
 * still read, into the {@link CompactColumns} every data set is held in now.
 */
final class Float32 {

  private Float32() {}

  /**
   * Decodes a blob as it streams in, one row at a time, so that no copy of the whole blob is made
   * here besides the compact columns themselves.
   */
  static CompactColumns decode(InputStream blob, int rows, int width) throws IOException {
    CompactColumns.Builder columns = new CompactColumns.Builder(width);
    byte[] buffer = new byte[Math.multiplyExact(width, Float.BYTES)];
    FloatBuffer floats = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < rows; i++) {
      int read = blob.readNBytes(buffer, 0, buffer.length);
      if (read < buffer.length) {
        throw new IllegalStateException(
            "a blob that ends in row " + i + " cannot hold " + rows + " x " + width + " floats");
      }
      for (int j = 0; j < width; j++) {
        columns.add(floats.get(j));
      }
    }
    if (blob.read() != -1) {
      throw new IllegalStateException(
          "a blob longer than " + rows + " x " + width + " floats cannot be decoded");
    }
    return columns.build();
  }
}
