package dev.backprop.dataset;

import dev.backprop.domain.NotFoundException;
import dev.backprop.engine.RowSource;

/**
 * A stored data set's rows, read from the database one block at a time as they are asked for:
 * training reads its rows once, in ascending order, so only the block being read is held, never the
 * data set's values as a whole next to the arrays training copies them into. Each block is read
 * into one buffer, reused, so that reading makes no garbage of its own. One reader at a time (it
 * keeps the block it last read). A block is decoded whole, column by column, into one row-major
 * array, also reused, from which its rows are copied: decoding each row as it was asked for chose
 * an encoding per value, and read each column's values far apart.
 */
final class StoredRows implements RowSource {

  private final String name;
  private final int rows;
  private final int width;
  private final int blockRows;
  private final Blocks blocks;
  private final byte[] buffer;
  private final float[] decoded; // the current block's rows, row-major
  private int currentIndex = -1;

  /**
   * @param name the data set's name, for the error when it is deleted while it is read
   * @param blocks reads block i of the data set; null if it is gone (the data set was deleted)
   */
  StoredRows(String name, int rows, int width, Blocks blocks) {
    this.name = name;
    this.rows = rows;
    this.width = width;
    this.blockRows = CompactColumns.blockRows(width);
    this.blocks = blocks;
    this.buffer = new byte[maxBlockBytes(blockRows, width)];
    this.decoded = new float[Math.multiplyExact(blockRows, width)];
  }

  /** Reads a stored block. */
  @FunctionalInterface
  interface Blocks {
    /**
     * Block {@code index}, read into {@code buffer} (large enough for any block of the data set),
     * which the block keeps; null if it is gone (the data set was deleted).
     */
    Block read(int index, byte[] buffer);
  }

  /** The largest block of rows of {@code width} values: a tag and float32 values per column. */
  static int maxBlockBytes(int blockRows, int width) {
    return Math.addExact(width, Math.multiplyExact(Math.multiplyExact(blockRows, width), 4));
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int width() {
    return width;
  }

  /**
   * @throws IndexOutOfBoundsException for a row the data set does not have
   * @throws NotFoundException if the block that holds it is gone: the data set was deleted
   */
  @Override
  public void copyRow(int row, float[] dest, int offset) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    int index = row / blockRows;
    if (index != currentIndex) {
      currentIndex = -1; // a read that fails leaves no block taken for read
      Block block = blocks.read(index, buffer);
      if (block == null) {
        throw new NotFoundException("data set '" + name + "'");
      }
      int expected = Math.min(blockRows, rows - index * blockRows);
      if (block.rows() != expected) {
        throw new IllegalStateException(
            "block " + index + " holds " + block.rows() + " rows, not " + expected);
      }
      block.copyRowsTo(decoded);
      currentIndex = index;
    }
    System.arraycopy(decoded, (row % blockRows) * width, dest, offset, width);
  }
}
