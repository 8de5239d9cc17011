package dev.backprop.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How one column of a {@link Block} stores its values: as float32, or, when every value of the
 * column in that block is an integer in a narrower range, as one or two bytes per value. Narrowing
 * is exact: a value reads back as the very float32 that was stored (-0.0 stays float32, since no
 * integer holds its sign). Little-endian throughout.
 */
enum Encoding {
  FLOAT32(0, Float.BYTES),
  UINT8(1, 1),
  INT8(2, 1),
  INT16(3, Short.BYTES);

  private static final VarHandle FLOATS =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int NEGATIVE_ZERO = Float.floatToRawIntBits(-0f);

  /** The byte that names the encoding in a stored block. */
  final byte tag;

  /** Bytes per value. */
  final int size;

  Encoding(int tag, int size) {
    this.tag = (byte) tag;
    this.size = size;
  }

  /** The encoding of a stored tag. */
  static Encoding ofTag(byte tag) {
    for (Encoding encoding : values()) {
      if (encoding.tag == tag) {
        return encoding;
      }
    }
    throw new IllegalStateException("a stored block names an unknown encoding " + tag);
  }

  /**
   * The narrowest encoding that holds column {@code column} of {@code rows} row-major rows of
   * {@code width} values exactly.
   */
  static Encoding narrowest(float[] rowMajor, int rows, int width, int column) {
    float min = 0;
    float max = 0;
    for (int i = column, end = rows * width; i < end; i += width) {
      float value = rowMajor[i];
      if (!(value >= Short.MIN_VALUE && value <= Short.MAX_VALUE)
          || value != (int) value
          || Float.floatToRawIntBits(value) == NEGATIVE_ZERO) {
        return FLOAT32;
      }
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (min >= 0 && max <= 255) {
      return UINT8;
    }
    return min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE ? INT8 : INT16;
  }

  void write(byte[] bytes, int offset, float value) {
    switch (this) {
      case FLOAT32 -> FLOATS.set(bytes, offset, value);
      case UINT8, INT8 -> bytes[offset] = (byte) (int) value;
      case INT16 -> SHORTS.set(bytes, offset, (short) value);
    }
  }

  /**
   * Reads {@code rows} values stored one after the other from {@code offset} into {@code dest} at
   * {@code destOffset}, {@code destOffset + stride}, …: a whole column of a block, with the
   * encoding chosen once for it rather than once per value.
   */
  void readColumn(byte[] bytes, int offset, int rows, float[] dest, int destOffset, int stride) {
    switch (this) {
      case FLOAT32 -> {
        for (int r = 0; r < rows; r++) {
          dest[destOffset + r * stride] = (float) FLOATS.get(bytes, offset + r * Float.BYTES);
        }
      }
      case UINT8 -> {
        for (int r = 0; r < rows; r++) {
          dest[destOffset + r * stride] = bytes[offset + r] & 0xFF;
        }
      }
      case INT8 -> {
        for (int r = 0; r < rows; r++) {
          dest[destOffset + r * stride] = bytes[offset + r];
        }
      }
      case INT16 -> {
        for (int r = 0; r < rows; r++) {
          dest[destOffset + r * stride] = (short) SHORTS.get(bytes, offset + r * Short.BYTES);
        }
      }
    }
  }

  float read(byte[] bytes, int offset) {
    return switch (this) {
      case FLOAT32 -> (float) FLOATS.get(bytes, offset);
      case UINT8 -> bytes[offset] & 0xFF;
      case INT8 -> bytes[offset];
      case INT16 -> (short) SHORTS.get(bytes, offset);
    };
  }
}
