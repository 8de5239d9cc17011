package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.DatasetBlocksMigrationTest;
import dev.backprop.network.VersionIdsMigrationTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The service's Flyway migrations, as they are, on an empty PostgreSQL database. */
@PostgresTest
class MigrationsOnPostgresTest {

  @Test
  void migrationsRunOnAnEmptyDatabaseWithPostgresTypes(PostgresDatabase database) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(database.url(), database.username(), database.password())
            .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
            .load();

    MigrateResult result = flyway.migrate();

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(3);
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.migrate().migrationsExecuted).as("a second run has nothing to do").isZero();

    Map<String, String> types =
        database.withJdbc(
            jdbc ->
                jdbc
                    .sql(
                        "SELECT table_name || '.' || column_name, data_type"
                            + " FROM information_schema.columns WHERE table_schema = 'public'")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(types)
        .containsEntry("network_versions.model", "bytea")
        .containsEntry("datasets.features", "bytea")
        .containsEntry("datasets.targets", "bytea")
        .containsEntry("dataset_blocks.data", "bytea")
        .containsEntry("networks.created_at", "timestamp with time zone")
        .containsEntry("training_jobs.lease_until", "timestamp with time zone")
        .containsEntry("training_job_epochs.loss", "double precision");

    List<String> tables =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'public' ORDER BY table_name")
                    .query(String.class)
                    .list());
    assertThat(tables)
        .contains(
            "networks",
            "network_versions",
            "datasets",
            "dataset_blocks",
            "training_jobs",
            "training_job_epochs");
    assertThat(blockCompression(database))
        .as("db/vendor/postgresql: the blocks' data compressed with lz4, where the server has it")
        .isEqualTo(hasLz4(database) ? "l" : "");
  }

  /** The compression the blocks' data column asks for: "l" lz4, "" the server's default (pglz). */
  private static String blockCompression(PostgresDatabase database) {
    return database.withJdbc(
        jdbc ->
            jdbc.sql(
                    "SELECT attcompression::text FROM pg_attribute"
                        + " WHERE attrelid = 'dataset_blocks'::regclass AND attname = 'data'")
                .query(String.class)
                .single());
  }

  /** Whether the server can compress with lz4 (14 or newer, built with it). */
  private static boolean hasLz4(PostgresDatabase database) {
    return database.withJdbc(
        jdbc -> {
          try {
            jdbc.sql("CREATE TEMP TABLE lz4_probe (b BYTEA COMPRESSION lz4)").update();
            return true;
          } catch (DataAccessException e) {
            return false;
          }
        });
  }

  @Test
  void dataSetsStoredBeforeBlocksStayReadable(PostgresDatabase database) {
    inDatabaseOfItsOwn(database, "bp_v8_", DatasetBlocksMigrationTest::migrateOverStoredDataSets);
  }

  @Test
  void versionIdsAreGivenToStoredVersionsAndNeverReused(PostgresDatabase database) {
    inDatabaseOfItsOwn(database, "bp_v4_", VersionIdsMigrationTest::migrateOverStoredVersions);
  }

  /** A migration test taking (url, user, password). */
  interface MigrationCheck {
    void run(String url, String user, String password) throws Exception;
  }

  /**
   * Runs a check in a database of its own: the first test has migrated the class's database to the
   * end.
   */
  private static void inDatabaseOfItsOwn(
      PostgresDatabase database, String prefix, MigrationCheck check) {
    String name = prefix + Long.toHexString(System.nanoTime());
    database.withJdbc(jdbc -> jdbc.sql("CREATE DATABASE " + name).update());
    try {
      check.run(
          PostgresExtension.withDatabase(database.url(), name),
          database.username(),
          database.password());
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      database.withJdbc(jdbc -> jdbc.sql("DROP DATABASE " + name + " WITH (FORCE)").update());
    }
  }
}
