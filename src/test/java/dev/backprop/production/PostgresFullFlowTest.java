package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.Iris;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The README's walkthrough over HTTP, on PostgreSQL: upload iris, define, train, predict. */
@PostgresTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PostgresTestConfiguration.class)
@DirtiesContext
class PostgresFullFlowTest {

  @LocalServerPort int port;

  @Test
  void irisIsLearnedAndServedOnPostgres(PostgresDatabase database) throws IOException {
    HttpTestClient http = new HttpTestClient(port);
    Iris.upload(http, "iris");
    Iris.defineNetwork(http, "iris");

    String location =
        Iris.submit(
            http,
            "iris",
            """
            { "dataset": "iris", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
              "optimizer": "adam", "validationSplit": 0.2, "seed": 7 }
            """);
    JsonNode job = Iris.awaitFinished(http, location, Duration.ofMinutes(2));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("history").size()).isEqualTo(200);
    assertThat(job.get("resultVersion").asInt()).isEqualTo(1);

    JsonNode listed = Iris.json(http.get("/api/v1/training-jobs?network=iris&size=5").body());
    assertThat(listed.get("total").asInt()).isEqualTo(1);
    assertThat(Iris.json(http.get("/api/v1/datasets?size=5").body()).get("total").asInt())
        .isEqualTo(1);
    assertThat(http.get("/api/v1/networks/iris/versions/latest/export").statusCode())
        .isEqualTo(200);

    Iris.Accuracy accuracy = Iris.predictAll(http, "iris", "latest");
    assertThat(accuracy.version()).isEqualTo(1);
    assertThat(accuracy.value()).isGreaterThanOrEqualTo(0.93);

    // Every other kind of query, on PostgreSQL: pages, versions, the event stream, deletion.
    assertThat(Iris.json(http.get("/api/v1/networks?page=0&size=5").body()).get("total").asInt())
        .isEqualTo(1);
    assertThat(http.get("/api/v1/networks/iris").body()).contains("\"latestVersion\":1");
    assertThat(http.get("/api/v1/networks/iris/versions").body()).contains("\"version\":1");
    var events = http.get(location + "/events");
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body()).contains("event:epoch").contains("event:status");
    assertThat(http.get("/api/v1/training-jobs?status=SUCCEEDED").body())
        .contains(Jobs.idOf(location));

    // The rows really are in this class's PostgreSQL database.
    Long versions =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT COUNT(*) FROM network_versions v JOIN training_jobs j"
                            + " ON j.id = v.training_job_id WHERE j.status = 'SUCCEEDED'")
                    .query(Long.class)
                    .single());
    assertThat(versions).isEqualTo(1L);
    String server =
        database.withJdbc(jdbc -> jdbc.sql("SELECT version()").query(String.class).single());
    assertThat(server).startsWith("PostgreSQL");

    assertThat(http.send("DELETE", "/api/v1/networks/iris", null, "").statusCode()).isEqualTo(204);
    assertThat(http.get("/api/v1/networks/iris").statusCode()).isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/datasets/iris", null, "").statusCode()).isEqualTo(204);
  }

  @Test
  void aLargerDataSetIsStoredAndTrainedOnFromPostgres(PostgresDatabase database) {
    HttpTestClient http = new HttpTestClient(port);
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
    Long stored =
        database.withJdbc(
            jdbc ->
                jdbc.sql("SELECT octet_length(features) FROM datasets WHERE name = 'wide'")
                    .query(Long.class)
                    .single());
    assertThat(stored).isEqualTo((long) rows * width * Float.BYTES);

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
