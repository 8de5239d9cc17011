package dev.backprop.engine;

/**
 * Test helper: the rows of a {@link RowSource} as arrays, one per row, to compare with literals.
 */
public final class RowArrays {

  private RowArrays() {}

  public static float[][] of(RowSource source) {
    float[][] rows = new float[source.rows()][source.width()];
    for (int r = 0; r < rows.length; r++) {
      source.copyRow(r, rows[r], 0);
    }
    return rows;
  }
}
