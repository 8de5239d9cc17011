package dev.backprop.engine;

/**
 * Rows of equal width, read one at a time into a caller's buffer. Training reads its data through
 * this, so that a data set can stay in whatever compact form holds it (a stored data set keeps its
 * columns in blocks of narrow encodings) and is copied once, into the flat arrays of {@code
 * TrainingSplit}, rather than first into an array per row. Training reads each row once, in
 * ascending order, so a source may stream its rows (a stored data set reads its blocks from the
 * database one at a time); any order must still work, if more slowly.
 */
public interface RowSource {

  /** How many rows there are (at least one). */
  int rows();

  /** How many values each row has (at least one). */
  int width();

  /**
   * Writes the {@link #width()} values of row {@code row} to {@code dest}, from {@code offset} on.
   */
  void copyRow(int row, float[] dest, int offset);

  /**
   * Rows held as arrays (inline data, tests); not copied, so callers must not change them.
   *
   * @throws IllegalArgumentException unless the rows are rectangular, with at least one row of at
   *     least one finite value each
   */
  static RowSource of(float[][] rows) {
    return new ArrayRows(rows, "rows");
  }
}
