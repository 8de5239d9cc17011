package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.engine.RowArrays;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data set is stored block by block, each in a transaction of its own, marked as being stored
 * until its last block is in: until then no read sees it, a failed upload leaves nothing behind,
 * and what a dead process left is deleted. Its features are read back one block at a time.
 */
class DatasetStoringTest {

  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  SingleConnectionDataSource dataSource;
  JdbcClient jdbc;
  DatasetRepository repository;

  @BeforeEach
  void setUp() {
    dataSource =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:storing-"
                + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            "",
            true);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    repository =
        new DatasetRepository(
            jdbc,
            JsonMapper.builder().build(),
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  @AfterEach
  void tearDown() {
    dataSource.destroy();
  }

  /** Rows of 6 columns over {@code blocks} full blocks and a part block. */
  static ParsedDataset parsed(int blocks) {
    float[][] rows = CompactColumnsTest.mixedRows(blocks * CompactColumns.blockRows(6) + 3, 5);
    float[][] targets = new float[rows.length][1];
    for (int r = 0; r < rows.length; r++) {
      targets[r][0] = r % 3;
    }
    return new ParsedDataset(
        List.of("a", "b", "c", "d", "e", "f"),
        "y",
        TargetKind.NUMERIC,
        null,
        1,
        rows.length,
        CompactColumns.of(rows),
        CompactColumns.of(targets));
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  /** A CSV of {@code rows} rows of 6 features and a class. */
  static String csv(int rows) {
    StringBuilder csv = new StringBuilder("a,b,c,d,e,f,y\n");
    float[][] values = CompactColumnsTest.mixedRows(rows, 5);
    for (float[] row : values) {
      for (float value : row) {
        csv.append(value).append(',');
      }
      csv.append(values.length % 2 == 0 ? "even\n" : "odd\n");
    }
    return csv.toString();
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCsvUploadStoresItsFeatureBlocksAsTheyAreParsedUnseenUntilTheEnd() {
    DatasetService service = new DatasetService(repository, DatasetParserTest.LIMITS);
    int blockRows = CompactColumns.blockRows(6);
    // Far more than the readers' buffers beyond the third block.
    String head = csv(3 * blockRows + 2000);
    List<Long> storedMidway = new ArrayList<>();
    InputStream rest =
        new InputStream() {
          final InputStream tail = stream(csv(5).substring("a,b,c,d,e,f,y\n".length()));

          @Override
          public int read() throws IOException {
            if (storedMidway.isEmpty()) {
              storedMidway.add(count("dataset_blocks"));
              storedMidway.add(repository.count());
            }
            return tail.read();
          }
        };
    DatasetInfo info =
        service.createFromCsv("streamed", "y", new SequenceInputStream(stream(head), rest));

    assertThat(storedMidway).as("blocks stored, data sets seen").containsExactly(3L, 0L);
    assertThat(info.rows()).isEqualTo(3 * blockRows + 2005);
    assertThat(repository.find("streamed")).hasValue(info);
    float[][] expected = new float[info.rows()][];
    float[][] first = CompactColumnsTest.mixedRows(3 * blockRows + 2000, 5);
    float[][] last = CompactColumnsTest.mixedRows(5, 5);
    for (int r = 0; r < expected.length; r++) {
      float[] row = r < first.length ? first[r] : last[r - first.length];
      expected[r] = Arrays.copyOf(row, 6);
    }
    assertThat(RowArrays.of(repository.load("streamed").orElseThrow().features()))
        .isDeepEqualTo(expected);
  }

  @Test
  void aCsvUploadFoundBadAfterBlocksWereStoredLeavesNothing() {
    DatasetService service = new DatasetService(repository, DatasetParserTest.LIMITS);
    String bad = csv(2 * CompactColumns.blockRows(6) + 10) + "1,2,3,4,5,x,odd\n";
    assertThatThrownBy(() -> service.createFromCsv("bad", "y", stream(bad)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("column 'f'");
    assertThat(count("datasets")).isZero();
    assertThat(count("dataset_blocks")).isZero();
  }

  @Test
  void aCsvUploadUnderATakenNameStoresNothingAndDeletesNothing() {
    DatasetService service = new DatasetService(repository, DatasetParserTest.LIMITS);
    repository.insert("taken", parsed(1), CREATED);
    jdbc.sql("UPDATE datasets SET storing = TRUE").update();
    assertThatThrownBy(() -> service.createFromCsv("taken", "y", stream(csv(3))))
        .isInstanceOf(ConflictException.class);
    assertThat(count("dataset_blocks")).as("the other upload's blocks stay").isEqualTo(2 + 1);
  }

  @Test
  void aDataSetBeingStoredIsInvisibleButHoldsItsName() {
    repository.insert("done", parsed(1), CREATED);
    jdbc.sql("UPDATE datasets SET storing = TRUE WHERE name = 'done'").update();

    assertThat(repository.exists("done")).isFalse();
    assertThat(repository.find("done")).isEmpty();
    assertThat(repository.load("done")).isEmpty();
    assertThat(repository.page(0, 10)).isEmpty();
    assertThat(repository.count()).isZero();
    assertThat(repository.delete("done")).isFalse();
    assertThat(count("dataset_blocks")).as("a delete leaves it alone").isEqualTo(2 + 1);
    assertThatThrownBy(() -> repository.insert("done", parsed(0), CREATED))
        .isInstanceOf(DataIntegrityViolationException.class);

    jdbc.sql("UPDATE datasets SET storing = FALSE WHERE name = 'done'").update();
    assertThat(repository.exists("done")).isTrue();
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void aStoredDataSetIsComplete() {
    ParsedDataset data = parsed(2);
    repository.insert("done", data, CREATED);
    assertThat(jdbc.sql("SELECT storing FROM datasets").query(Boolean.class).single()).isFalse();
    DatasetData loaded = repository.load("done").orElseThrow();
    assertThat(RowArrays.of(loaded.features())).isDeepEqualTo(RowArrays.of(data.heldFeatures()));
    assertThat(RowArrays.of(loaded.targets())).isDeepEqualTo(RowArrays.of(data.targets()));
  }

  @Test
  void aFailedUploadLeavesNoRowAndNoBlocks() {
    // The third feature block cannot be stored: the first two were already committed.
    jdbc.sql("ALTER TABLE dataset_blocks ADD CONSTRAINT two_blocks CHECK (block < 2)").update();
    assertThatThrownBy(() -> repository.insert("broken", parsed(3), CREATED))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(count("datasets")).isZero();
    assertThat(count("dataset_blocks")).isZero();

    repository.insert("small", parsed(1), CREATED);
    assertThat(repository.exists("small")).isTrue();
  }

  @Test
  void leftoversOfADeadProcessAreDeletedWithTheirBlocks() {
    repository.insert("left", parsed(1), CREATED);
    repository.insert("recent", parsed(1), CREATED.plusSeconds(600));
    repository.insert("kept", parsed(1), CREATED);
    jdbc.sql("UPDATE datasets SET storing = TRUE WHERE name IN ('left', 'recent')").update();

    assertThat(repository.deleteUnfinished(CREATED.plusSeconds(300))).isEqualTo(1);
    assertThat(jdbc.sql("SELECT name FROM datasets ORDER BY name").query(String.class).list())
        .containsExactly("kept", "recent");
    assertThat(
            jdbc.sql("SELECT DISTINCT dataset_name FROM dataset_blocks ORDER BY 1")
                .query(String.class)
                .list())
        .containsExactly("kept", "recent");
  }

  @Test
  void atAStartOnH2EveryDataSetLeftBeingStoredByAnEarlierProcessGoes() {
    repository.insert("left", parsed(0), CREATED);
    repository.insert("mine", parsed(0), Instant.now());
    jdbc.sql("UPDATE datasets SET storing = TRUE").update();

    new UnfinishedUploads(repository, dataSource, Clock.systemUTC()).deleteLeftovers();

    assertThat(jdbc.sql("SELECT name FROM datasets").query(String.class).list())
        .containsExactly("mine");
  }

  @Test
  void storedRowsReadEachBlockOnceInOrder() {
    repository.insert("done", parsed(3), CREATED);
    DatasetData loaded = repository.load("done").orElseThrow();
    List<Integer> read = new ArrayList<>();
    StoredRows rows =
        new StoredRows(
            "done",
            loaded.rows(),
            6,
            (i, buffer) -> {
              read.add(i);
              return CompactColumns.of(RowArrays.of(loaded.features())).blocks().get(i);
            });
    float[][] copied = RowArrays.of(rows);
    assertThat(read).containsExactly(0, 1, 2, 3);
    assertThat(copied).isDeepEqualTo(RowArrays.of(parsed(3).heldFeatures()));
  }

  @Test
  void readingADeletedDataSetIsNotFound() {
    repository.insert("done", parsed(2), CREATED);
    DatasetData loaded = repository.load("done").orElseThrow();
    float[] row = new float[6];
    loaded.features().copyRow(0, row, 0);
    assertThat(repository.delete("done")).isTrue();
    int later = CompactColumns.blockRows(6) + 1;
    assertThatThrownBy(() -> loaded.features().copyRow(later, row, 0))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBlockOfTheWrongSizeIsRefused() {
    List<Block> blocks = CompactColumns.of(CompactColumnsTest.mixedRows(10, 1)).blocks();
    StoredRows rows = new StoredRows("odd", 20, 6, (i, buffer) -> blocks.get(0));
    assertThatThrownBy(() -> rows.copyRow(0, new float[6], 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 10 rows, not 20");
  }
}
