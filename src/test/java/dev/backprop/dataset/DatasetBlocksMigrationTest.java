package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.RowArrays;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * V8 keeps the data sets stored before it readable (float32 blobs in {@code datasets}), and new
 * ones go to {@code dataset_blocks}, written and read back block by block, bit for bit, and deleted
 * with their data set. On H2 here; on PostgreSQL in {@code MigrationsOnPostgresTest}.
 */
public class DatasetBlocksMigrationTest {

  private static final String MIGRATIONS = "classpath:db/migration/V*__*.sql";

  static final float[][] OLD_FEATURES = {{5.1f, -0f}, {0.1f, 3e38f}, {-7f, 1e-40f}};
  static final float[][] OLD_TARGETS = {{1}, {0}, {1}};

  @Test
  void oldRowsStayReadableAndNewOnesAreStoredInBlocksOnH2() throws IOException {
    migrateOverStoredDataSets(
        "jdbc:h2:mem:v8-blocks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  /**
   * Migrates to the last version before V8, stores a data set as V2 did, migrates on, and reads and
   * writes data sets.
   */
  public static void migrateOverStoredDataSets(String url, String user, String password)
      throws IOException {
    MigrationVersion v8 = MigrationVersion.fromVersion("8");
    MigrationVersion before =
        Arrays.stream(new PathMatchingResourcePatternResolver().getResources(MIGRATIONS))
            .map(file -> file.getFilename().substring(1, file.getFilename().indexOf("__")))
            .map(MigrationVersion::fromVersion)
            .filter(version -> version.compareTo(v8) < 0)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    SingleConnectionDataSource dataSource =
        new SingleConnectionDataSource(url, user, password, true);
    try {
      flyway(dataSource).target(before).load().migrate();
      JdbcClient jdbc = JdbcClient.create(dataSource);
      insertAsV2Did(jdbc);
      flyway(dataSource).load().migrate();
      DatasetRepository repository =
          new DatasetRepository(
              jdbc,
              JsonMapper.builder().build(),
              new TransactionTemplate(new DataSourceTransactionManager(dataSource)));

      DatasetData old = repository.load("old").orElseThrow();
      assertThat(old.info().classes()).containsExactly("no", "yes");
      assertBitForBit(RowArrays.of(old.features()), OLD_FEATURES);
      assertBitForBit(RowArrays.of(old.targets()), OLD_TARGETS);
      assertThat(repository.find("old").orElseThrow().sizeBytes()).isEqualTo(3 * 3 * 4);

      storesNewDataSetsInBlocks(jdbc, repository);
    } finally {
      dataSource.destroy();
    }
  }

  /** Flyway on the test's one connection (H2 refuses a check made in a closed session's table). */
  private static FluentConfiguration flyway(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
  }

  private static void storesNewDataSetsInBlocks(JdbcClient jdbc, DatasetRepository repository) {
    float[][] rows = CompactColumnsTest.mixedRows(3 * CompactColumns.blockRows(5) + 5, 7);
    StringBuilder csv = new StringBuilder("a,b,c,d,e,label\n");
    for (float[] row : rows) {
      for (int c = 0; c < 5; c++) {
        csv.append(row[c]).append(',');
      }
      csv.append((int) row[5] == 1 ? "one" : "other").append('\n');
    }
    ParsedDataset parsed =
        DatasetParser.parseCsv(
            new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
            null,
            DatasetParserTest.LIMITS);
    repository.insert("new", parsed, Instant.parse("2026-01-01T00:00:00Z"));

    DatasetData loaded = repository.load("new").orElseThrow();
    float[][] features = RowArrays.of(loaded.features());
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 5; c++) {
        assertThat(Float.floatToRawIntBits(features[r][c]))
            .isEqualTo(Float.floatToRawIntBits(rows[r][c]));
      }
      assertThat(loaded.targets().get(r, 0)).isEqualTo((int) rows[r][5] == 1 ? 0f : 1f);
    }
    assertThat(loaded.info().sizeBytes()).isEqualTo(parsed.sizeBytes());
    assertThat(blocks(jdbc, "new")).isEqualTo(4 + 1);
    assertThat(
            jdbc.sql("SELECT storage_format FROM datasets ORDER BY name")
                .query(Integer.class)
                .list())
        .containsExactly(2, 1);

    assertThat(repository.delete("new")).isTrue();
    assertThat(blocks(jdbc, "new")).isZero();
    assertThat(repository.load("new")).isEmpty();
  }

  private static long blocks(JdbcClient jdbc, String name) {
    return jdbc.sql("SELECT COUNT(*) FROM dataset_blocks WHERE dataset_name = ?")
        .param(name)
        .query(Long.class)
        .single();
  }

  /** A data set as V2 stored it: float32, little-endian, row-major blobs. */
  private static void insertAsV2Did(JdbcClient jdbc) {
    jdbc.sql(
            """
            INSERT INTO datasets (name, row_count, column_count, feature_names, target_name,
                target_kind, target_width, classes, features, targets, size_bytes, created_at)
            VALUES ('old', 3, 2, '["f","g"]', 'y', 'categorical', 1, '["no","yes"]', ?, ?, 36,
                CURRENT_TIMESTAMP)
            """)
        .params(float32(OLD_FEATURES), float32(OLD_TARGETS))
        .update();
  }

  private static byte[] float32(float[][] rows) {
    ByteBuffer bytes =
        ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      for (float value : row) {
        bytes.putFloat(value);
      }
    }
    return bytes.array();
  }

  private static void assertBitForBit(float[][] actual, float[][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int r = 0; r < expected.length; r++) {
      for (int c = 0; c < expected[r].length; c++) {
        assertThat(Float.floatToRawIntBits(actual[r][c]))
            .as("row %d column %d", r, c)
            .isEqualTo(Float.floatToRawIntBits(expected[r][c]));
      }
    }
  }
}
