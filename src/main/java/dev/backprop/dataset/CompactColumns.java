package dev.backprop.dataset;

import dev.backprop.engine.RowSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A table of values in the form a data set is held in, in memory and in the database alike: rows in
 * {@link Block}s of {@link #blockRows(int)} rows (the last may hold fewer), each block's columns in
 * the narrowest {@link Encoding} that holds their values exactly (float32 at most). Parsed once
 * from an upload; training reads rows straight from it ({@link RowSource}).
 */
public final class CompactColumns implements RowSource, Columns {

  /** About how many values a block holds: 256 KiB as float32. */
  static final int BLOCK_VALUES = 1 << 16;

  private final int width;
  private final int rows;
  private final int blockRows;
  private final List<Block> blocks;

  /**
   * @throws IllegalStateException unless every block but the last holds {@code blockRows(width)}
   *     rows, and the last at most that
   */
  CompactColumns(int width, List<Block> blocks) {
    this.width = width;
    this.blocks = List.copyOf(blocks);
    this.blockRows = blockRows(width);
    int total = 0;
    for (int i = 0; i < this.blocks.size(); i++) {
      int n = this.blocks.get(i).rows();
      boolean last = i == this.blocks.size() - 1;
      if (n < 1 || n > blockRows || (!last && n != blockRows)) {
        throw new IllegalStateException("block " + i + " holds " + n + " rows");
      }
      total += n;
    }
    this.rows = total;
  }

  /** How many rows each block (but the last) holds for rows of {@code width} values. */
  static int blockRows(int width) {
    return Math.max(1, BLOCK_VALUES / width);
  }

  /** Rows held as arrays (inline data, tests), encoded as an upload is. */
  public static CompactColumns of(float[][] rows) {
    Builder builder = new Builder(rows[0].length);
    for (float[] row : rows) {
      for (float value : row) {
        builder.add(value);
      }
    }
    return builder.build();
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int width() {
    return width;
  }

  /** The value in a row and column. */
  public float get(int row, int column) {
    return blocks.get(row / blockRows).get(row % blockRows, column);
  }

  @Override
  public void copyRow(int row, float[] dest, int offset) {
    blocks.get(row / blockRows).copyRow(row % blockRows, dest, offset);
  }

  /** The bytes the stored blocks take. */
  @Override
  public long sizeBytes() {
    long size = 0;
    for (Block block : blocks) {
      size += block.bytes().length;
    }
    return size;
  }

  List<Block> blocks() {
    return blocks;
  }

  /**
   * Fills a table value by value, row after row, while an upload streams in: only the block being
   * filled is held as float32, and each full block is encoded at once, then kept, or handed to a
   * sink (which stores it) and dropped.
   */
  static final class Builder {
    private final int width;
    private final int blockRows;
    private final List<Block> blocks = new ArrayList<>();
    private final Consumer<Block> sink;
    private float[] staged;

    /** The bytes of the block last handed to the sink, which the next may be encoded into. */
    private byte[] sunk;

    private int filled;
    private long values;
    private long sizeBytes;

    Builder(int width) {
      this(width, null);
    }

    /**
     * @param sink takes each block as it is complete, in order, and must be done with it when it
     *     returns: the next block may be encoded into the same array; null to keep them
     */
    Builder(int width, Consumer<Block> sink) {
      if (width < 1) {
        throw new IllegalArgumentException("a table has at least one column, not " + width);
      }
      this.width = width;
      this.blockRows = blockRows(width);
      this.sink = sink;
    }

    void add(float value) {
      if (staged == null) {
        staged = new float[Math.multiplyExact(blockRows, width)];
      }
      staged[filled++] = value;
      values++;
      if (filled == staged.length) {
        complete(blockRows);
        filled = 0;
      }
    }

    /**
     * Encodes the staged rows; a sink's blocks share one array while their length stays the same
     * (the sink stores each before the next is encoded), kept blocks each have their own.
     */
    private void complete(int rows) {
      Block block = Block.encode(staged, rows, width, sink == null ? null : sunk);
      sizeBytes += block.bytes().length;
      if (sink == null) {
        blocks.add(block);
      } else {
        sunk = block.bytes();
        sink.accept(block);
      }
    }

    /** How many complete rows have been added. */
    int rows() {
      return (int) (values / width);
    }

    /** The table: held, or, with a sink, its shape (its blocks went to the sink). */
    Columns finish() {
      if (values % width != 0) {
        throw new IllegalStateException(values + " values do not make rows of " + width);
      }
      if (filled > 0) {
        complete(filled / width);
        filled = 0;
      }
      staged = null;
      sunk = null;
      return sink == null
          ? new CompactColumns(width, blocks)
          : new Columns.Written(rows(), width, sizeBytes);
    }

    /** The table held in memory; only without a sink. */
    CompactColumns build() {
      if (sink != null) {
        throw new IllegalStateException("the blocks went to a sink");
      }
      return (CompactColumns) finish();
    }
  }
}
