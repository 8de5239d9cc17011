package dev.backprop.dataset;

import dev.backprop.dataset.DatasetRepository.Part;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a stored data set's values for {@link DatasetRepository}: the blocks of {@code
 * dataset_blocks} one query each (so that neither database nor driver holds a data set's values as
 * one value), and the float32 blobs of rows stored before V8, streamed.
 */
final class StoredValues {

  private final JdbcClient jdbc;

  StoredValues(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One part's blocks, each read on its own; null if one is missing (the data set was deleted). */
  CompactColumns loadBlocks(DatasetInfo info, Part part, int width) {
    int blockRows = CompactColumns.blockRows(width);
    int count = (info.rows() + blockRows - 1) / blockRows;
    List<Block> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Optional<Block> block = readBlock(info.name(), part, i, width);
      if (block.isEmpty()) {
        return null;
      }
      blocks.add(block.get());
    }
    return new CompactColumns(width, blocks);
  }

  /**
   * A feature block read into {@code buffer} (streamed: neither a copy of its own nor a driver's
   * second copy); null if it is missing.
   */
  Block readBlockInto(String name, int index, int width, byte[] buffer) {
    return jdbc.sql(
            """
            SELECT row_count, data FROM dataset_blocks
            WHERE dataset_name = :name AND part = :part AND block = :block
            """)
        .param("name", name)
        .param("part", Part.FEATURES.column)
        .param("block", index)
        .query((rs, n) -> Block.decode(buffer, readInto(rs, buffer), rs.getInt("row_count"), width))
        .optional()
        .orElse(null);
  }

  /** Reads the {@code data} column into {@code buffer}; its length. */
  private static int readInto(ResultSet rs, byte[] buffer) throws SQLException {
    try (InputStream data = rs.getBinaryStream("data")) {
      int length = data.readNBytes(buffer, 0, buffer.length);
      if (data.read() != -1) {
        throw new SQLException("a stored block is longer than " + buffer.length + " bytes");
      }
      return length;
    } catch (IOException e) {
      throw new SQLException("could not read a block of a data set", e);
    }
  }

  private Optional<Block> readBlock(String name, Part part, int index, int width) {
    return jdbc.sql(
            """
            SELECT row_count, data FROM dataset_blocks
            WHERE dataset_name = :name AND part = :part AND block = :block
            """)
        .param("name", name)
        .param("part", part.column)
        .param("block", index)
        .query((rs, n) -> Block.decode(rs.getBytes("data"), rs.getInt("row_count"), width))
        .optional();
  }

  Optional<DatasetData> loadBlobs(DatasetInfo info) {
    return jdbc.sql("SELECT features, targets FROM datasets WHERE name = :name")
        .param("name", info.name())
        .query(
            (rs, n) ->
                new DatasetData(
                    info,
                    decode(rs, "features", info.rows(), info.columns()),
                    decode(rs, "targets", info.rows(), info.targetWidth())))
        .optional();
  }

  private static CompactColumns decode(ResultSet rs, String column, int rows, int width)
      throws SQLException {
    try (InputStream blob = rs.getBinaryStream(column)) {
      return Float32.decode(blob, rows, width);
    } catch (IOException e) {
      throw new SQLException("could not read the " + column + " of a data set", e);
    }
  }
}
