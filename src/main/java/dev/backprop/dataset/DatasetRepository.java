package dev.backprop.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code datasets} table (see {@code V2__datasets.sql}) with a data set's metadata, and {@code
 * dataset_blocks} (see {@code V8__dataset_blocks.sql}) with its values, one {@link Block} a row
 * (read by {@link StoredValues}). A data set still being stored ({@code V9__dataset_storing.sql})
 * is invisible to every read. Blocks are written and read one at a time, so that neither database
 * nor driver ever holds a data set's values as one value (H2 would hold a result's rows in memory,
 * and PostgreSQL's driver a {@code bytea} in hex). Rows stored before V8 hold their values as
 * float32 blobs in {@code datasets}; those are still read.
 */
@Repository
class DatasetRepository {

  private static final String INFO_COLUMNS =
      "name, row_count, column_count, feature_names, target_name, target_kind, target_width,"
          + " classes, size_bytes, created_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** {@code storage_format} of rows stored before V8: float32 blobs in {@code datasets}. */
  private static final int FLOAT32_BLOBS = 1;

  /** {@code storage_format} of rows whose values are in {@code dataset_blocks}. */
  private static final int BLOCKS = 2;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate transactions;
  private final StoredValues values;

  DatasetRepository(JdbcClient jdbc, ObjectMapper json, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.transactions = transactions;
    this.values = new StoredValues(jdbc);
  }

  boolean exists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM datasets WHERE name = :name AND NOT storing")
            .param("name", name)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Stores a data set held in memory (see {@link StoringDataset}: block by block, each in a
   * transaction of its own, invisible until the last one is in; if storing fails, what was stored
   * is deleted).
   *
   * @throws org.springframework.dao.DuplicateKeyException if the name is taken, also by a data set
   *     being stored
   */
  void insert(String name, ParsedDataset data, Instant createdAt) {
    StoringDataset storing = new StoringDataset(this, name, createdAt);
    try {
      storing.finish(data);
    } catch (RuntimeException e) {
      storing.abandon(e);
      throw e;
    }
  }

  /**
   * Inserts a data set's row marked {@code storing}, invisible to every read here, with stand-ins
   * for what only its end tells ({@link #finishStoring} sets them).
   *
   * @throws org.springframework.dao.DuplicateKeyException if the name is taken
   */
  void startStoring(String name, Instant createdAt) {
    jdbc.sql(
            """
            INSERT INTO datasets (name, row_count, column_count, feature_names, target_name,
                target_kind, target_width, classes, size_bytes, created_at, storage_format, storing)
            VALUES (:name, 1, 1, '[]', '', 'numeric', 1, NULL, 0, :createdAt, :storageFormat, TRUE)
            """)
        .param("name", name)
        .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
        .param("storageFormat", BLOCKS)
        .update();
  }

  /** Stores one block of a data set being stored, in a transaction of its own. */
  void insertBlock(String name, Part part, int index, Block block) {
    transactions.executeWithoutResult(
        tx ->
            jdbc.sql(
                    """
                    INSERT INTO dataset_blocks (dataset_name, part, block, row_count, data)
                    VALUES (:name, :part, :block, :rows, :data)
                    """)
                .param("name", name)
                .param("part", part.column)
                .param("block", index)
                .param("rows", block.rows())
                .param("data", block.bytes())
                .update());
  }

  /**
   * Writes a data set's description and ends its storing: from now on it is seen.
   *
   * @throws IllegalStateException if it is no longer being stored (it was deleted meanwhile)
   */
  void finishStoring(String name, ParsedDataset data) {
    int finished =
        jdbc.sql(
                """
                UPDATE datasets SET row_count = :rows, column_count = :columns,
                    feature_names = :featureNames, target_name = :target,
                    target_kind = :targetKind, target_width = :targetWidth, classes = :classes,
                    size_bytes = :sizeBytes, storing = FALSE
                WHERE name = :name AND storing
                """)
            .param("name", name)
            .param("rows", data.rows())
            .param("columns", data.featureNames().size())
            .param("featureNames", json.writeValueAsString(data.featureNames()))
            .param("target", data.target())
            .param("targetKind", data.targetKind().apiName())
            .param("targetWidth", data.targetWidth())
            .param(
                "classes", data.classes() == null ? null : json.writeValueAsString(data.classes()))
            .param("sizeBytes", data.sizeBytes())
            .update();
    if (finished != 1) {
      throw new IllegalStateException("the data set '" + name + "' was deleted while stored");
    }
  }

  /** Deletes a data set still being stored, with the blocks stored so far. */
  void deleteStoring(String name) {
    jdbc.sql("DELETE FROM datasets WHERE name = :name AND storing").param("name", name).update();
  }

  /**
   * Deletes the data sets whose storing began before {@code before} and never ended: left by a
   * process that died while storing them.
   *
   * @return how many
   */
  int deleteUnfinished(Instant before) {
    return jdbc.sql("DELETE FROM datasets WHERE storing AND created_at < :before")
        .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
        .update();
  }

  Optional<DatasetInfo> find(String name) {
    return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM datasets WHERE name = :name AND NOT storing")
        .param("name", name)
        .query((rs, n) -> info(rs))
        .optional();
  }

  List<DatasetInfo> page(long offset, int limit) {
    return jdbc.sql(
            "SELECT "
                + INFO_COLUMNS
                + " FROM datasets WHERE NOT storing ORDER BY name LIMIT :limit OFFSET :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, n) -> info(rs))
        .list();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM datasets WHERE NOT storing").query(Long.class).single();
  }

  /**
   * A data set with its values: its targets read block by block, its features as {@link
   * StoredRows}, which read their blocks only as training reads the rows (a row stored before V8 is
   * read whole, each blob streamed row by row). Listings never read the values at all. Empty if
   * there is no data set of that name, it is still being stored, or it was deleted while it was
   * read.
   */
  Optional<DatasetData> load(String name) {
    Optional<Stored> found =
        jdbc.sql(
                "SELECT "
                    + INFO_COLUMNS
                    + ", storage_format FROM datasets WHERE name = :name AND NOT storing")
            .param("name", name)
            .query((rs, n) -> new Stored(info(rs), rs.getInt("storage_format")))
            .optional();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DatasetInfo info = found.get().info();
    if (found.get().format() == FLOAT32_BLOBS) {
      return values.loadBlobs(info);
    }
    CompactColumns targets = values.loadBlocks(info, Part.TARGETS, info.targetWidth());
    if (targets == null) {
      return Optional.empty();
    }
    StoredRows features =
        new StoredRows(
            name,
            info.rows(),
            info.columns(),
            (i, buffer) -> values.readBlockInto(name, i, info.columns(), buffer));
    return Optional.of(new DatasetData(info, features, targets));
  }

  private record Stored(DatasetInfo info, int format) {}

  boolean delete(String name) {
    return jdbc.sql("DELETE FROM datasets WHERE name = :name AND NOT storing")
            .param("name", name)
            .update()
        > 0;
  }

  /** The two parts of a data set's values, by their {@code dataset_blocks.part}. */
  enum Part {
    FEATURES("features"),
    TARGETS("targets");

    final String column;

    Part(String column) {
      this.column = column;
    }
  }

  private DatasetInfo info(ResultSet rs) throws SQLException {
    String classes = rs.getString("classes");
    return new DatasetInfo(
        rs.getString("name"),
        rs.getInt("row_count"),
        json.readValue(rs.getString("feature_names"), STRINGS),
        rs.getString("target_name"),
        TargetKind.fromName(rs.getString("target_kind")),
        classes == null ? null : json.readValue(classes, STRINGS),
        rs.getInt("target_width"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getLong("size_bytes"));
  }
}
