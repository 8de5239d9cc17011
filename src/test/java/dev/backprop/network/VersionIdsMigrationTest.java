package dev.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V4 gives the versions already stored ids of their own, and new ones ids never used before, even
 * after their network was deleted and defined again. On H2 here; on PostgreSQL in {@code
 * MigrationsOnPostgresTest}.
 */
public class VersionIdsMigrationTest {

  @Test
  void existingAndNewVersionsGetIdsThatAreNeverReusedOnH2() {
    migrateOverStoredVersions(
        "jdbc:h2:mem:v4-ids;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  /** Migrates to V3, stores versions, migrates on, and checks the ids. */
  public static void migrateOverStoredVersions(String url, String user, String password) {
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .target(MigrationVersion.fromVersion("3"))
        .load()
        .migrate();
    SingleConnectionDataSource dataSource =
        new SingleConnectionDataSource(url, user, password, true);
    try {
      JdbcClient jdbc = JdbcClient.create(dataSource);
      for (String network : List.of("a", "b")) {
        jdbc.sql(
                "INSERT INTO networks (name, definition, parameter_count, created_at)"
                    + " VALUES (?, '{}', 1, CURRENT_TIMESTAMP)")
            .param(network)
            .update();
        for (int version = 1; version <= 2; version++) {
          insertVersion(jdbc, network, version);
        }
      }

      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();

      List<Long> existing =
          jdbc.sql("SELECT id FROM network_versions ORDER BY network_name, version")
              .query(Long.class)
              .list();
      assertThat(existing).hasSize(4).doesNotContainNull().doesNotHaveDuplicates();

      // 'a' deleted and defined again: its version 1 is a new row with a new id.
      jdbc.sql("DELETE FROM network_versions WHERE network_name = 'a'").update();
      insertVersion(jdbc, "a", 1);
      long renewed =
          jdbc.sql("SELECT id FROM network_versions WHERE network_name = 'a' AND version = 1")
              .query(Long.class)
              .single();
      assertThat(existing).doesNotContain(renewed);
      assertThat(renewed)
          .isGreaterThan(existing.stream().mapToLong(Long::longValue).max().orElseThrow());
    } finally {
      dataSource.destroy();
    }
  }

  private static void insertVersion(JdbcClient jdbc, String network, int version) {
    jdbc.sql(
            "INSERT INTO network_versions (network_name, version, created_at, model)"
                + " VALUES (?, ?, CURRENT_TIMESTAMP, ?)")
        .params(network, version, new byte[] {1, 2, 3})
        .update();
  }
}
