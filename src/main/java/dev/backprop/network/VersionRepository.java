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

  /** The id and number of a network's highest version. */
  Optional<VersionKey> latestKey(String network) {
    return jdbc.sql(
            "SELECT id, version FROM network_versions WHERE network_name = ?"
                + " ORDER BY version DESC LIMIT 1")
        .param(network)
        .query((rs, n) -> new VersionKey(rs.getLong("id"), rs.getInt("version")))
        .optional();
  }

  /** The id of a version, if it exists. */
  Optional<VersionKey> key(String network, int version) {
    return jdbc.sql(
            "SELECT id, version FROM network_versions WHERE network_name = ? AND version = ?")
        .params(network, version)
        .query((rs, n) -> new VersionKey(rs.getLong("id"), rs.getInt("version")))
        .optional();
  }

  /**
   * The version stored under {@code id}, with its network's definition, in one statement: a version
   * row lives only as long as the network row it was stored under, so the two always belong
   * together, even while the name is deleted and defined again elsewhere.
   */
  Optional<StoredVersion> byId(long id) {
    return jdbc.sql(
            "SELECT v.id, v.version, v.created_at, v.training_job_id, v.metrics, v.labels,"
                + " v.model, n.definition, n.created_at AS network_created_at"
                + " FROM network_versions v JOIN networks n ON n.name = v.network_name"
                + " WHERE v.id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new StoredVersion(
                    rs.getLong("id"),
                    json.readValue(rs.getString("definition"), NetworkDefinition.class),
                    rs.getObject("network_created_at", OffsetDateTime.class).toInstant(),
                    row(rs, n),
                    rs.getBytes("model")))
        .optional();
  }

  /** A version as stored, with the definition of its network. */
  record StoredVersion(
      long id,
      NetworkDefinition definition,
      Instant networkCreatedAt,
      VersionResponse info,
      byte[] model) {}

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
