package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.engine.RowArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactColumnsTest {

  /** Rows of six columns, each of a kind that one encoding holds best, over several blocks. */
  static float[][] mixedRows(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] values = new float[rows][];
    for (int r = 0; r < rows; r++) {
      values[r] =
          new float[] {
            random.nextInt(256), // uint8
            random.nextInt(-128, 128), // int8
            random.nextInt(-32768, 32768), // int16
            (float) random.nextGaussian(), // float32
            r % 2 == 0 ? -0f : 1f, // -0.0 keeps its sign: float32
            r == rows - 1 ? 40_000f : random.nextInt(3) // int16 up to the last row: float32
          };
    }
    return values;
  }

  @Test
  void valuesReadBackBitForBitAcrossBlocks() {
    int blockRows = CompactColumns.blockRows(6);
    float[][] rows = mixedRows(2 * blockRows + 17, 1);
    CompactColumns columns = CompactColumns.of(rows);

    assertThat(columns.rows()).isEqualTo(rows.length);
    assertThat(columns.width()).isEqualTo(6);
    assertThat(columns.blocks()).hasSize(3);
    float[][] read = RowArrays.of(columns);
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 6; c++) {
        assertThat(Float.floatToRawIntBits(read[r][c]))
            .as("row %d column %d", r, c)
            .isEqualTo(Float.floatToRawIntBits(rows[r][c]));
        assertThat(Float.floatToRawIntBits(columns.get(r, c)))
            .isEqualTo(Float.floatToRawIntBits(rows[r][c]));
      }
    }
  }

  @Test
  void eachColumnOfABlockTakesTheNarrowestExactEncoding() {
    int blockRows = CompactColumns.blockRows(6);
    CompactColumns columns = CompactColumns.of(mixedRows(blockRows, 2));
    // uint8, int8, int16, float32, float32 (-0.0), float32 (40,000 is past int16): a tag each.
    long expected = blockRows * (1L + 1 + 2 + 4 + 4 + 4) + 6;
    assertThat(columns.sizeBytes()).isEqualTo(expected);
    assertThat(columns.blocks().get(0).bytes()[0]).isEqualTo(Encoding.UINT8.tag);

    float[][] smallLast = mixedRows(blockRows, 2);
    smallLast[blockRows - 1][5] = 1;
    assertThat(CompactColumns.of(smallLast).sizeBytes()).isEqualTo(expected - blockRows * 3L);
  }

  @Test
  void storedBlocksDecodeToTheSameValuesAndRefuseOtherBytes() {
    float[][] rows = mixedRows(100, 3);
    Block block = CompactColumns.of(rows).blocks().get(0);
    Block read = Block.decode(block.bytes().clone(), 100, 6);
    for (int r = 0; r < 100; r++) {
      float[] row = new float[6];
      read.copyRow(r, row, 0);
      assertThat(row).isEqualTo(rows[r]);
    }
    byte[] bytes = block.bytes();
    assertThatThrownBy(() -> Block.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1), 100, 6))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Block.decode(bytes, 101, 6)).isInstanceOf(IllegalStateException.class);
    byte[] unknown = bytes.clone();
    unknown[0] = 9;
    assertThatThrownBy(() -> Block.decode(unknown, 100, 6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown encoding");
  }

  @Test
  void blocksOfTheWrongSizeAreRefused() {
    int blockRows = CompactColumns.blockRows(2);
    Block small = CompactColumns.of(new float[][] {{1, 2}}).blocks().get(0);
    assertThatThrownBy(() -> new CompactColumns(2, java.util.List.of(small, small)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(new CompactColumns(2, java.util.List.of(small)).rows()).isEqualTo(1);
    assertThat(blockRows).isEqualTo(CompactColumns.BLOCK_VALUES / 2);
  }

  @Test
  void wideRowsGetABlockEach() {
    assertThat(CompactColumns.blockRows(CompactColumns.BLOCK_VALUES * 2)).isEqualTo(1);
  }

  @Test
  void aSinksBlocksOfOneLengthShareAnArrayAndEachHoldsItsRowsWhenTaken() {
    int blockRows = CompactColumns.blockRows(6);
    float[][] rows = mixedRows(3 * blockRows + 5, 4);
    java.util.List<byte[]> arrays = new java.util.ArrayList<>();
    java.util.List<float[][]> taken = new java.util.ArrayList<>();
    CompactColumns.Builder builder =
        new CompactColumns.Builder(
            6,
            block -> {
              arrays.add(block.bytes());
              float[][] copy = new float[block.rows()][6];
              for (int r = 0; r < block.rows(); r++) {
                block.copyRow(r, copy[r], 0);
              }
              taken.add(copy);
            });
    for (float[] row : rows) {
      for (float value : row) {
        builder.add(value);
      }
    }
    builder.finish();

    assertThat(arrays).hasSize(4);
    // The full blocks take the same length: each column keeps its encoding in each.
    assertThat(arrays.get(1)).isSameAs(arrays.get(0));
    assertThat(arrays.get(2)).isSameAs(arrays.get(0));
    assertThat(arrays.get(3)).isNotSameAs(arrays.get(0)); // the short last block
    for (int r = 0; r < rows.length; r++) {
      assertThat(taken.get(r / blockRows)[r % blockRows]).as("row %d", r).isEqualTo(rows[r]);
    }
  }

  @Test
  void keptBlocksEachHaveTheirOwnArray() {
    int blockRows = CompactColumns.blockRows(6);
    CompactColumns columns = CompactColumns.of(mixedRows(2 * blockRows, 5));

    assertThat(columns.blocks().get(1).bytes()).isNotSameAs(columns.blocks().get(0).bytes());
  }
}
