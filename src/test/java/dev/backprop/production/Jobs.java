package dev.backprop.production;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code training_jobs} table, read straight from the database the replicas share. */
final class Jobs {

  /** One row. */
  record Row(
      String id,
      String network,
      String status,
      int attempts,
      String owner,
      Integer resultVersion,
      int epoch,
      String errorType,
      Instant leaseUntil) {}

  private Jobs() {}

  static List<Row> all(PostgresDatabase database) {
    return database.withJdbc(
        jdbc ->
            jdbc.sql(
                    "SELECT id, network_name, status, attempts, owner, result_version, epoch,"
                        + " error_type, lease_until FROM training_jobs ORDER BY created_at")
                .query(
                    (rs, n) -> {
                      int version = rs.getInt("result_version");
                      Integer resultVersion = rs.wasNull() ? null : version;
                      OffsetDateTime lease = rs.getObject("lease_until", OffsetDateTime.class);
                      return new Row(
                          rs.getString("id"),
                          rs.getString("network_name"),
                          rs.getString("status"),
                          rs.getInt("attempts"),
                          rs.getString("owner"),
                          resultVersion,
                          rs.getInt("epoch"),
                          rs.getString("error_type"),
                          lease == null ? null : lease.toInstant());
                    })
                .list());
  }

  static Row get(PostgresDatabase database, String id) {
    return all(database).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** The epoch the job's current attempt resumed from: 0 unless it was taken over. */
  static int resumedFrom(PostgresDatabase database, String id) {
    return database.withJdbc(
        jdbc ->
            jdbc.sql("SELECT resumed_from FROM training_jobs WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single());
  }

  static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
