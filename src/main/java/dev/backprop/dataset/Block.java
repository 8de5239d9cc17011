package dev.backprop.dataset;

/**
 * A run of rows of a {@link CompactColumns}, column by column, each column in its narrowest exact
 * {@link Encoding}. Its bytes are what the database stores (one {@code dataset_blocks} row per
 * block): for each column, its encoding's tag, then its values; nothing else.
 */
final class Block {

  private final int rows;
  private final byte[] bytes;
  private final Encoding[] encodings;
  private final int[] offsets;

  private Block(int rows, byte[] bytes, Encoding[] encodings, int[] offsets) {
    this.rows = rows;
    this.bytes = bytes;
    this.encodings = encodings;
    this.offsets = offsets;
  }

  /** Encodes the first {@code rows} rows of a row-major buffer of rows of {@code width} values. */
  static Block encode(float[] rowMajor, int rows, int width) {
    return encode(rowMajor, rows, width, null);
  }

  /**
   * As above, into {@code reuse} if the block takes exactly its length (a writer that stores each
   * block before it encodes the next: the blocks of a column that keeps its encodings all take the
   * same length, so that encoding makes no garbage), else into a new array.
   */
  static Block encode(float[] rowMajor, int rows, int width, byte[] reuse) {
    Encoding[] encodings = new Encoding[width];
    int size = 0;
    for (int c = 0; c < width; c++) {
      encodings[c] = Encoding.narrowest(rowMajor, rows, width, c);
      size = Math.addExact(size, 1 + Math.multiplyExact(rows, encodings[c].size));
    }
    byte[] bytes = reuse != null && reuse.length == size ? reuse : new byte[size];
    int[] offsets = new int[width];
    int at = 0;
    for (int c = 0; c < width; c++) {
      Encoding encoding = encodings[c];
      bytes[at] = encoding.tag;
      offsets[c] = at + 1;
      for (int r = 0; r < rows; r++) {
        encoding.write(bytes, offsets[c] + r * encoding.size, rowMajor[r * width + c]);
      }
      at = offsets[c] + rows * encoding.size;
    }
    return new Block(rows, bytes, encodings, offsets);
  }

  /**
   * A stored block of {@code rows} rows of {@code width} columns; its bytes are kept, not copied.
   *
   * @throws IllegalStateException if the bytes are not such a block
   */
  static Block decode(byte[] bytes, int rows, int width) {
    return decode(bytes, bytes.length, rows, width);
  }

  /**
   * As above, from the first {@code length} bytes of {@code bytes} (a buffer a reader reuses: the
   * block is good until the buffer is filled again).
   */
  static Block decode(byte[] bytes, int length, int rows, int width) {
    Encoding[] encodings = new Encoding[width];
    int[] offsets = new int[width];
    long at = 0;
    for (int c = 0; c < width; c++) {
      if (at >= length) {
        throw new IllegalStateException(
            "a stored block of " + length + " bytes ends before column " + c);
      }
      encodings[c] = Encoding.ofTag(bytes[(int) at]);
      offsets[c] = (int) at + 1;
      at += 1 + (long) rows * encodings[c].size;
    }
    if (at != length) {
      throw new IllegalStateException(
          "a stored block of " + length + " bytes is not " + rows + " x " + width + " values");
    }
    return new Block(rows, bytes, encodings, offsets);
  }

  int rows() {
    return rows;
  }

  /** The stored form; not a copy. */
  byte[] bytes() {
    return bytes;
  }

  float get(int row, int column) {
    Encoding encoding = encodings[column];
    return encoding.read(bytes, offsets[column] + row * encoding.size);
  }

  /**
   * Writes every row, row-major ({@code rows() × width} values), to {@code dest}: a column at a
   * time, so each column's encoding is chosen once and its values are read in the order they are
   * stored. Reading a block's rows one by one costs a choice of encoding per value.
   */
  void copyRowsTo(float[] dest) {
    int width = encodings.length;
    for (int c = 0; c < width; c++) {
      encodings[c].readColumn(bytes, offsets[c], rows, dest, c, width);
    }
  }

  /** Writes the row's values to {@code dest} from {@code offset} on. */
  void copyRow(int row, float[] dest, int offset) {
    for (int c = 0; c < encodings.length; c++) {
      Encoding encoding = encodings[c];
      dest[offset + c] = encoding.read(bytes, offsets[c] + row * encoding.size);
    }
  }
}
