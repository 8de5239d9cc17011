package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's H2 database (the URL of {@code application.yml}) keeps at most 4 MB of pages in its
 * cache: a data set's blocks are written once and read once (as training starts), and each that H2
 * cached was kept, copied from GC to GC and promoted, long after it was used; with H2's default
 * cache of 16 MB, storing and reading 10 MB of blocks leaves them all in it.
 */
class DatasetBlockCacheTest {

  @TempDir Path dir;

  static String serviceUrl(Path dir) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();
    return properties
        .getProperty("spring.datasource.url")
        .replace("${backprop.data-dir:./data}", dir.toString());
  }

  @Test
  void theServicesDatabaseKeepsAtMostFourMegabytesOfBlocks() {
    assertThat(cacheUsedAfterStoringAndReading(serviceUrl(dir))).isLessThanOrEqualTo(4);
  }

  @Test
  void h2sDefaultCacheWouldKeepTheBlocks() {
    String url = serviceUrl(dir).replaceAll(";CACHE_SIZE=\\d+", "");
    assertThat(url).doesNotContain("CACHE_SIZE");
    assertThat(cacheUsedAfterStoringAndReading(url)).isGreaterThanOrEqualTo(8);
  }

  /** MB in H2's page cache after 40 blocks of 50 float32 columns were stored and read back. */
  private static int cacheUsedAfterStoringAndReading(String url) {
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      JdbcClient jdbc = JdbcClient.create(dataSource);
      DatasetRepository repository =
          new DatasetRepository(
              jdbc,
              JsonMapper.builder().build(),
              new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
      ParsedDataset data = wide(40);
      repository.insert("wide", data, DatasetStoringTest.CREATED);
      var features = repository.load("wide").orElseThrow().features();
      float[] row = new float[50];
      for (int r = 0; r < features.rows(); r++) {
        features.copyRow(r, row, 0);
      }
      return Integer.parseInt(
          jdbc.sql(
                  "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                      + " WHERE SETTING_NAME = 'info.CACHE_SIZE'")
              .query(String.class)
              .single());
    } finally {
      dataSource.destroy();
    }
  }

  /** {@code blocks} full blocks of 50 Gaussian columns, which only float32 holds. */
  private static ParsedDataset wide(int blocks) {
    int rows = blocks * CompactColumns.blockRows(50);
    SplittableRandom random = new SplittableRandom(9);
    float[][] features = new float[rows][50];
    float[][] targets = new float[rows][1];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 50; c++) {
        features[r][c] = (float) random.nextGaussian();
      }
      targets[r][0] = r % 3;
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 50; c++) {
      names.add("x" + c);
    }
    return new ParsedDataset(
        names,
        "y",
        TargetKind.NUMERIC,
        null,
        1,
        rows,
        CompactColumns.of(features),
        CompactColumns.of(targets));
  }
}
