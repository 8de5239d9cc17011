package dev.backprop.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Trained versions: metadata as columns, parameters as one blob from the engine's codec. */
@Repository
class VersionRepository {

  private static final String COLUMNS = "version, created_at, training_job_id, metrics, labels";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  VersionRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Stores the next version of a network. Locks the network's row first, so that two jobs finishing
   * at once (on any replica) get distinct numbers. Runs in the caller's transaction.
   */
  int insertNext(
      String network,
      UUID trainingJob,
      VersionMetrics metrics,
      List<String> labels,
      byte[] model,
      Instant createdAt) {
    jdbc.sql("SELECT name FROM networks WHERE name = ? FOR UPDATE")
        .param(network)
        .query(String.class)
        .single();
    int version = latest(network).orElse(0) + 1;
    jdbc.sql(
            "INSERT INTO network_versions (network_name, version, created_at, training_job_id,"
                + " metrics, labels, model) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            network,
            version,
            OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
            trainingJob == null ? null : trainingJob.toString(),
            metrics == null ? null : json.writeValueAsString(metrics),
            labels == null ? null : json.writeValueAsString(labels),
            model)
        .update();
    return version;
  }

  Optional<Integer> latest(String network) {
    return jdbc.sql("SELECT MAX(version) FROM network_versions WHERE network_name = ?")
        .param(network)
        .query(Integer.class)
        .optional();
  }

  Optional<VersionResponse> find(String network, int version) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM network_versions WHERE network_name = ? AND version = ?")
        .params(network, version)
        .query(this::row)
        .optional();
  }

  Optional<byte[]> model(String network, int version) {
    return jdbc.sql("SELECT model FROM network_versions WHERE network_name = ? AND version = ?")
        .params(network, version)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  List<VersionResponse> page(String network, long offset, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM network_versions WHERE network_name = ? ORDER BY version LIMIT ? OFFSET ?")
        .params(network, size, offset)
        .query(this::row)
        .list();
  }

  long count(String network) {
    return jdbc.sql("SELECT COUNT(*) FROM network_versions WHERE network_name = ?")
        .param(network)
        .query(Long.class)
        .single();
  }

  private VersionResponse row(ResultSet rs, int rowNum) throws SQLException {
    String job = rs.getString("training_job_id");
    String metrics = rs.getString("metrics");
    String labels = rs.getString("labels");
    return new VersionResponse(
        rs.getInt("version"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        job == null ? null : UUID.fromString(job),
        metrics == null ? null : json.readValue(metrics, VersionMetrics.class),
        labels == null ? null : List.of(json.readValue(labels, String[].class)));
  }
}
