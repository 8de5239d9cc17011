package dev.backprop.training;

import dev.backprop.dataset.CompactColumns;
import dev.backprop.engine.RowSource;
import java.util.Arrays;

/**
 * A column of class indices as the output layer learns them, computed row by row as training reads
 * them rather than stored: one-hot for k outputs, the class index itself (0 or 1) for a single
 * sigmoid unit. The column's values are already checked to be classes of the output.
 *
 * @param classes one value per row: a class of the data set, or directly an output unit's index
 * @param unitOfClass for each class of the data set, the output unit it trains; null if the values
 *     are unit indices themselves
 * @param outputs the output layer's units
 */
record ClassTargets(CompactColumns classes, int[] unitOfClass, int outputs) implements RowSource {

  @Override
  public int rows() {
    return classes.rows();
  }

  @Override
  public int width() {
    return outputs;
  }

  @Override
  public void copyRow(int row, float[] dest, int offset) {
    int value = (int) classes.get(row, 0);
    int unit = unitOfClass == null ? value : unitOfClass[value];
    if (outputs == 1) {
      dest[offset] = unit;
      return;
    }
    Arrays.fill(dest, offset, offset + outputs, 0f);
    dest[offset + unit] = 1f;
  }
}
