package dev.backprop.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Networks as rows: the definition is kept as the client's JSON, seed filled in. */
@Repository
class NetworkRepository {

  /** A stored row, before the definition is validated back into a spec. */
  record Row(NetworkDefinition definition, Instant createdAt, Integer latestVersion) {}

  private static final String SELECT =
      "SELECT n.definition, n.created_at,"
          + " (SELECT MAX(v.version) FROM network_versions v WHERE v.network_name = n.name)"
          + " AS latest FROM networks n";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  NetworkRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  boolean exists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM networks WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(NetworkDefinition definition, long parameterCount, Instant createdAt) {
    jdbc.sql(
            "INSERT INTO networks (name, definition, parameter_count, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(
            definition.name(),
            json.writeValueAsString(definition),
            parameterCount,
            OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
        .update();
  }

  Optional<Row> find(String name) {
    return jdbc.sql(SELECT + " WHERE n.name = ?").param(name).query(this::row).optional();
  }

  List<Row> page(long offset, int size) {
    return jdbc.sql(SELECT + " ORDER BY n.name LIMIT ? OFFSET ?")
        .params(size, offset)
        .query(this::row)
        .list();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM networks").query(Long.class).single();
  }

  boolean delete(String name) {
    jdbc.sql("DELETE FROM network_versions WHERE network_name = ?").param(name).update();
    return jdbc.sql("DELETE FROM networks WHERE name = ?").param(name).update() > 0;
  }

  private Row row(ResultSet rs, int rowNum) throws SQLException {
    int latest = rs.getInt("latest");
    boolean untrained = rs.wasNull();
    return new Row(
        json.readValue(rs.getString("definition"), NetworkDefinition.class),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        untrained ? null : latest);
  }
}
