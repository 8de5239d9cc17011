package dev.backprop.dataset;

/**
 * The shape of a table of values in {@link Block}s: held in memory ({@link CompactColumns}), or
 * already written to the database block by block as an upload streamed in ({@link
 * CompactColumns.Builder} with a sink), of which only the shape is left.
 */
interface Columns {

  int rows();

  int width();

  /** The bytes the blocks take. */
  long sizeBytes();

  /** The shape of blocks that went to the database rather than into memory. */
  record Written(int rows, int width, long sizeBytes) implements Columns {}
}
