package dev.backprop.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code datasets} table (see {@code V2__datasets.sql}): metadata columns plus the features and
 * targets as float32 blobs.
 */
@Repository
class DatasetRepository {

  private static final String INFO_COLUMNS =
      "name, row_count, column_count, feature_names, target_name, target_kind, target_width,"
          + " classes, size_bytes, created_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  DatasetRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  boolean exists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM datasets WHERE name = :name")
            .param("name", name)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Stores a data set.
   *
   * @throws org.springframework.dao.DuplicateKeyException if the name is taken
   */
  void insert(String name, ParsedDataset data, Instant createdAt) {
    jdbc.sql(
            """
            INSERT INTO datasets (name, row_count, column_count, feature_names, target_name,
                target_kind, target_width, classes, features, targets, size_bytes, created_at)
            VALUES (:name, :rows, :columns, :featureNames, :target, :targetKind, :targetWidth,
                :classes, :features, :targets, :sizeBytes, :createdAt)
            """)
        .param("name", name)
        .param("rows", data.rows())
        .param("columns", data.featureNames().size())
        .param("featureNames", json.writeValueAsString(data.featureNames()))
        .param("target", data.target())
        .param("targetKind", data.targetKind().apiName())
        .param("targetWidth", data.targetWidth())
        .param("classes", data.classes() == null ? null : json.writeValueAsString(data.classes()))
        .param("features", data.features())
        .param("targets", data.targets())
        .param("sizeBytes", data.sizeBytes())
        .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
        .update();
  }

  Optional<DatasetInfo> find(String name) {
    return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM datasets WHERE name = :name")
        .param("name", name)
        .query((rs, n) -> info(rs))
        .optional();
  }

  List<DatasetInfo> page(long offset, int limit) {
    return jdbc.sql(
            "SELECT " + INFO_COLUMNS + " FROM datasets ORDER BY name LIMIT :limit OFFSET :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, n) -> info(rs))
        .list();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM datasets").query(Long.class).single();
  }

  /**
   * Reads a data set with its values. Each blob is read as a stream and decoded row by row, so no
   * byte-array copy of a blob is made here (a JDBC driver may still hold the current row's bytes:
   * PostgreSQL's does for {@code bytea}), and listings never read the blobs at all.
   */
  Optional<DatasetData> load(String name) {
    return jdbc.sql(
            "SELECT " + INFO_COLUMNS + ", features, targets FROM datasets WHERE name = :name")
        .param("name", name)
        .query(
            (rs, n) -> {
              DatasetInfo info = info(rs);
              float[][] features = decode(rs, "features", info.rows(), info.columns());
              float[][] targets = decode(rs, "targets", info.rows(), info.targetWidth());
              return new DatasetData(info, features, targets);
            })
        .optional();
  }

  boolean delete(String name) {
    return jdbc.sql("DELETE FROM datasets WHERE name = :name").param("name", name).update() > 0;
  }

  private static float[][] decode(ResultSet rs, String column, int rows, int width)
      throws SQLException {
    try (InputStream blob = rs.getBinaryStream(column)) {
      return Float32.decode(blob, rows, width);
    } catch (IOException e) {
      throw new SQLException("could not read the " + column + " of a data set", e);
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
