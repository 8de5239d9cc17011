package dev.backprop.engine;

/** Rows held as an array of arrays: rectangular, not empty, finite (checked once, here). */
record ArrayRows(float[][] array, String what) implements RowSource {

  ArrayRows {
    if (array == null || array.length == 0) {
      throw new IllegalArgumentException(what + " must have at least one row");
    }
    if (array[0] == null || array[0].length == 0) {
      throw new IllegalArgumentException(what + " rows must not be empty");
    }
    int width = array[0].length;
    for (int r = 0; r < array.length; r++) {
      if (array[r] == null || array[r].length != width) {
        throw new IllegalArgumentException(
            what + " row " + r + " must have " + width + " values like row 0");
      }
      for (float v : array[r]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(what + " row " + r + " has a non-finite value " + v);
        }
      }
    }
  }

  @Override
  public int rows() {
    return array.length;
  }

  @Override
  public int width() {
    return array[0].length;
  }

  @Override
  public void copyRow(int row, float[] dest, int offset) {
    System.arraycopy(array[row], 0, dest, offset, array[row].length);
  }
}
