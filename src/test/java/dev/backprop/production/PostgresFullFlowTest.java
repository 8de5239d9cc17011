package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
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
  }
}
