package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.Iris;
import dev.backprop.flow.FullFlow;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The walkthrough on PostgreSQL, in a database of this class's own, and a data set large enough to
 * matter stored and trained on from there.
 */
@PostgresTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PostgresTestConfiguration.class)
@DirtiesContext
class PostgresFullFlowTest extends FullFlow {

  @Override
  protected String name() {
    return "iris";
  }

  /** The rows really are in this class's PostgreSQL database. */
  @Override
  protected void checkStored(String jobId) {
    PostgresDatabase database = PostgresExtension.current();
    Long versions =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT COUNT(*) FROM network_versions v JOIN training_jobs j"
                            + " ON j.id = v.training_job_id WHERE j.status = 'SUCCEEDED'"
                            + " AND j.id = ?")
                    .param(jobId)
                    .query(Long.class)
                    .single());
    assertThat(versions).isEqualTo(1L);
    String server =
        database.withJdbc(jdbc -> jdbc.sql("SELECT version()").query(String.class).single());
    assertThat(server).startsWith("PostgreSQL");
  }

  @Test
  void aLargerDataSetIsStoredAndTrainedOnFromPostgres(PostgresDatabase database) {
    HttpTestClient http = http();
    int rows = 20_000;
    int width = 16;
    StringBuilder csv = new StringBuilder();
    for (int j = 0; j < width; j++) {
      csv.append('f').append(j).append(',');
    }
    csv.append("y\n");
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int j = 0; j < width; j++) {
        double x = random.nextDouble();
        sum += x;
        csv.append(String.format(java.util.Locale.ROOT, "%.5f,", x));
      }
      csv.append(String.format(java.util.Locale.ROOT, "%.5f%n", sum));
    }
    var upload =
        http.send("POST", "/api/v1/datasets?name=wide&target=y", "text/csv", csv.toString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    assertThat(Iris.json(upload.body()).get("rows").asInt()).isEqualTo(rows);
    // Five decimals hold no narrower encoding: float32, in blocks of 4,096 rows, and a byte per
    // column and block naming the encoding.
    Long stored =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT SUM(octet_length(data)) FROM dataset_blocks"
                            + " WHERE dataset_name = 'wide' AND part = 'features'")
                    .query(Long.class)
                    .single());
    int blocks = (rows + 4095) / 4096;
    assertThat(stored).isEqualTo((long) rows * width * Float.BYTES + (long) blocks * width);

    var network =
        http.send(
            "POST",
            "/api/v1/networks",
            "application/json",
            """
            { "name": "wide", "inputs": 16,
              "layers": [ { "units": 1, "activation": "identity" } ],
              "loss": "quadratic", "seed": 1 }
            """);
    assertThat(network.statusCode()).as(network.body()).isEqualTo(201);
    String location =
        Iris.submit(
            http,
            "wide",
            """
            { "dataset": "wide", "epochs": 3, "batchSize": 256, "learningRate": 0.01,
              "optimizer": "adam", "seed": 3 }
            """);
    JsonNode job = Iris.awaitFinished(http, location, Duration.ofMinutes(3));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
  }
}
