package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingSplitTest {

  static TrainingConfig config(double validationSplit, long seed) {
    return new TrainingConfig(
        1, 8, 0.1, Optimizer.SGD, 0.9, 0, validationSplit, true, seed, false, null);
  }

  /** Distinct values, so that a row in the wrong place shows. */
  static float[][] rows(int n, int width, int salt) {
    float[][] rows = new float[n][width];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < width; c++) {
        rows[r][c] = salt + r * 100 + c;
      }
    }
    return rows;
  }

  /** The split as it was computed before: the rows gathered in the shuffled order. */
  static float[] gathered(float[][] rows, int[] order, int from, int to) {
    int width = rows[0].length;
    float[] flat = new float[(to - from) * width];
    for (int i = from; i < to; i++) {
      System.arraycopy(rows[order[i]], 0, flat, (i - from) * width, width);
    }
    return flat;
  }

  @Test
  void eachRowLandsWhereTheSeededShuffleSendsIt() {
    float[][] features = rows(103, 5, 0);
    float[][] targets = rows(103, 2, 50_000);
    for (long seed : new long[] {1, 7, 42}) {
      TrainingSplit split =
          TrainingSplit.of(new TrainingData(features, targets), config(0.25, seed), null);
      int[] order = TrainingSplit.identity(103);
      TrainingSplit.shuffle(order, new SplittableRandom(seed ^ 0x5DEECE66DL));
      assertThat(split.validationRows).isEqualTo(26);
      assertThat(split.trainRows).isEqualTo(77);
      assertThat(values(split.x)).containsExactly(gathered(features, order, 0, 77));
      assertThat(values(split.validX)).containsExactly(gathered(features, order, 77, 103));
      assertThat(split.y).containsExactly(gathered(targets, order, 0, 77));
      assertThat(split.validY).containsExactly(gathered(targets, order, 77, 103));
    }
  }

  @Test
  void withoutValidationTheRowsKeepTheirOrder() {
    float[][] features = rows(10, 3, 0);
    TrainingSplit split =
        TrainingSplit.of(new TrainingData(features, rows(10, 1, 7)), config(0, 3), null);
    assertThat(values(split.x))
        .containsExactly(gathered(features, TrainingSplit.identity(10), 0, 10));
    assertThat(values(split.validX)).isEmpty();
  }

  /**
   * Rows of at least {@link TrainingSplit#OFF_HEAP_BYTES} go back to their pool on close, and the
   * next split takes the same memory: its values are its own rows alone, whatever was there.
   */
  @Test
  void offHeapRowsAreGivenBackOnCloseAndTheNextSplitOverwritesThem() {
    RowBuffers buffers = new RowBuffers(1 << 30);
    float[][] first = rows(1_100, 250, 0); // 275,000 floats: off the heap
    TrainingSplit a =
        TrainingSplit.of(new TrainingData(first, rows(1_100, 1, 7)), config(0, 3), null, buffers);
    assertThat(a.x.isDirect()).isTrue();
    assertThat(buffers.idleBytes()).isZero();
    a.close();
    assertThat(buffers.idleBytes()).isEqualTo(1_100_000);

    float[][] second = rows(1_050, 250, 1_000_000); // 262,500 floats, fewer than the first
    try (TrainingSplit b =
        TrainingSplit.of(
            new TrainingData(second, rows(1_050, 1, 7)), config(0, 3), null, buffers)) {
      assertThat(buffers.idleBytes()).isZero(); // b took the first split's memory
      assertThat(values(b.x))
          .containsExactly(gathered(second, TrainingSplit.identity(1_050), 0, 1_050));
    }
    assertThat(buffers.idleBytes()).isEqualTo(1_100_000);
  }

  @Test
  void aSplitThatFailsGivesItsRowsBack() {
    RowBuffers buffers = new RowBuffers(1 << 30);
    assertThatThrownBy(
            () ->
                TrainingSplit.of(
                    new TrainingData(RowSource.of(rows(1_100, 250, 0)), new NaNRow(1_100, 13)),
                    config(0, 9),
                    null,
                    buffers))
        .hasMessage("targets row 13 has a non-finite value NaN");
    assertThat(buffers.idleBytes()).isEqualTo(1_100_000);
  }

  @Test
  void readsEachRowOnceInAscendingOrder() {
    List<Integer> read = new ArrayList<>();
    RowSource held = RowSource.of(rows(40, 4, 0));
    RowSource recording =
        new RowSource() {
          final RowSource rows = held;

          @Override
          public int rows() {
            return rows.rows();
          }

          @Override
          public int width() {
            return rows.width();
          }

          @Override
          public void copyRow(int row, float[] dest, int offset) {
            read.add(row);
            rows.copyRow(row, dest, offset);
          }
        };
    TrainingSplit.of(
        new TrainingData(recording, RowSource.of(rows(40, 1, 0))), config(0.3, 5), null);
    int[] ascending = TrainingSplit.identity(40);
    assertThat(read).containsExactly(Arrays.stream(ascending).boxed().toArray(Integer[]::new));
  }

  @Test
  void aNonFiniteValueIsNamedByItsRow() {
    assertThatThrownBy(
            () ->
                TrainingSplit.of(
                    new TrainingData(RowSource.of(rows(20, 3, 0)), new NaNRow(20, 13)),
                    config(0.5, 9),
                    null))
        .hasMessage("targets row 13 has a non-finite value NaN");
  }

  /** One column of zeros with a NaN in one row, which {@link RowSource#of} would refuse at once. */
  record NaNRow(int rows, int nan) implements RowSource {
    @Override
    public int width() {
      return 1;
    }

    @Override
    public void copyRow(int row, float[] dest, int offset) {
      dest[offset] = row == nan ? Float.NaN : 0;
    }
  }

  /** A buffer's values, wherever it holds them. */
  static float[] values(FloatBuffer buffer) {
    float[] values = new float[buffer.capacity()];
    buffer.get(0, values);
    return values;
  }
}
