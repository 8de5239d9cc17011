package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropApplication;
import dev.backprop.network.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Three lives of the service on one H2 file database: what was defined, trained and queued survives
 * each restart; predictions stay bit-identical; a QUEUED job runs after the restart; a job left
 * RUNNING by a replica that died is re-queued and finished, never left RUNNING.
 */
class RestartTest {

  @TempDir Path dir;

  static final String NETWORK =
      """
      { "name": "iris-restart",
        "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        "layers": [ { "units": 8, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
        "loss": "cross_entropy", "seed": 42, "labels": ["setosa", "versicolor", "virginica"] }
      """;
  static final String JOB =
      "{ \"dataset\": \"iris-restart\", \"epochs\": 20, \"batchSize\": 16, \"learningRate\": 0.05,"
          + " \"seed\": 7 }";
  static final String ROWS =
      "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]] }";
  static final String PREDICT = "/api/v1/networks/iris-restart/predictions";

  /** Runs one life of the service on the database file, closing it afterwards. */
  void life(boolean runJobs, Consumer<ConfigurableApplicationContext> body) {
    life(runJobs, "16MB", body);
  }

  void life(boolean runJobs, String maxRequestSize, Consumer<ConfigurableApplicationContext> body) {
    // As arguments, not builder properties: those are defaults, below application-test.yml's
    // in-memory URL.
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BackpropApplication.class)
            .profiles("test")
            .run(
                "--spring.datasource.url=jdbc:h2:file:"
                    + dir.resolve("backprop").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--backprop.training.enabled=" + runJobs,
                "--backprop.training.max-concurrent-jobs=1",
                "--backprop.limits.max-request-size=" + maxRequestSize)) {
      body.accept(context);
    }
  }

  static Api api(ConfigurableApplicationContext context) {
    return new Api(
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
  }

  @Test
  void networksVersionsJobsAndQueueSurviveRestarts() throws Exception {
    String csv = Files.readString(Path.of("examples", "iris.csv"));
    String[] first = new String[1];
    JsonNode[] predicted = new JsonNode[1];
    JsonNode[] exported = new JsonNode[1];

    // Life 1: define, upload, train to SUCCEEDED, predict.
    life(
        true,
        context -> {
          assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
              .startsWith("jdbc:h2:file:");
          Api api = api(context);
          api.send("POST", "/api/v1/datasets?name=iris-restart&target=species", "text/csv", csv)
              .ok(201);
          api.createNetwork(NETWORK);
          first[0] = api.submit("iris-restart", JOB);
          assertThat(api.succeed(first[0]).path("resultVersion").asInt()).isEqualTo(1);
          predicted[0] = api.post(PREDICT, ROWS).ok(200);
          exported[0] = api.get("/api/v1/networks/iris-restart/versions/1/export").ok(200);
        });
    assertThat(dir.resolve("backprop.mv.db")).exists();
    float[][] v1 = Api.outputs(predicted[0]);

    // Life 2, a replica that runs no jobs: everything is still there; one job is queued, and one
    // is left RUNNING by a replica that died (its lease ran out an hour ago).
    String[] queued = new String[1];
    String[] orphan = new String[1];
    // This life also runs with a small backprop.limits.max-request-size, to see it enforced.
    life(
        false,
        "1KB",
        context -> {
          Api api = api(context);
          JsonNode network = api.get("/api/v1/networks/iris-restart").ok(200);
          assertThat(network.path("latestVersion").asInt()).isEqualTo(1);
          assertThat(network.path("features").size()).isEqualTo(4);
          assertThat(api.get("/api/v1/datasets/iris-restart").ok(200).path("rows").asInt())
              .isEqualTo(150);
          JsonNode job = api.get(first[0]).ok(200);
          assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
          assertThat(job.path("history").size()).isEqualTo(20);
          assertThat(
                  api.get("/api/v1/networks/iris-restart/versions").ok(200).path("total").asInt())
              .isEqualTo(1);
          JsonNode again = api.post(PREDICT, ROWS).ok(200);
          assertThat(again.path("version").asInt()).isEqualTo(1);
          assertThat(Api.outputs(again)).isDeepEqualTo(v1);
          assertThat(again.path("labels")).isEqualTo(predicted[0].path("labels"));
          assertThat(api.get("/api/v1/networks/iris-restart/versions/1/export").ok(200))
              .isEqualTo(exported[0]);

          StringBuilder big = new StringBuilder("{ \"inputs\": [");
          for (int i = 0; i < 100; i++) {
            big.append(i == 0 ? "" : ",").append("[5.1, 3.5, 1.4, 0.2]");
          }
          String body = big.append("] }").toString();
          assertThat(api.post(PREDICT, body).problem(413).path("detail").asString())
              .contains("backprop.limits.max-request-size");
          int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
          var chunked =
              new dev.backprop.HttpTestClient(port)
                  .send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create("http://localhost:" + port + PREDICT))
                          .header("Content-Type", "application/json")
                          .POST(
                              java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                  () -> new java.io.ByteArrayInputStream(body.getBytes()))));
          assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
          assertThat(chunked.body()).contains("backprop.limits.max-request-size");

          queued[0] = api.submit("iris-restart", JOB.replace("\"seed\": 7", "\"seed\": 8"));
          orphan[0] =
              api.submit(
                  "iris-restart",
                  JOB.replace("\"seed\": 7", "\"seed\": 9, \"fromVersion\": \"1\""));
          UUID orphanId = UUID.fromString(orphan[0].substring(orphan[0].lastIndexOf('/') + 1));
          OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
          int updated =
              context
                  .getBean(JdbcClient.class)
                  .sql(
                      "UPDATE training_jobs SET status = 'RUNNING', owner = 'dead-replica',"
                          + " lease_until = ?, attempts = 1, started_at = ?, epoch = 3 WHERE id = ?")
                  .params(anHourAgo, anHourAgo, orphanId.toString())
                  .update();
          assertThat(updated).isEqualTo(1);
          assertThat(api.get(queued[0]).ok(200).path("status").asString()).isEqualTo("QUEUED");
          assertThat(api.get(orphan[0]).ok(200).path("status").asString()).isEqualTo("RUNNING");
        });

    // Life 3: the queued job runs; the orphan is re-queued and finished; v1 answers as before.
    life(
        true,
        context -> {
          Api api = api(context);
          JsonNode second = api.succeed(queued[0]);
          JsonNode third = api.succeed(orphan[0]);
          assertThat(second.path("attempts").asInt()).isEqualTo(1);
          assertThat(third.path("attempts").asInt()).isEqualTo(2);
          assertThat(third.path("history").size()).isEqualTo(20);
          assertThat(
                  java.util.List.of(
                      second.path("resultVersion").asInt(), third.path("resultVersion").asInt()))
              .containsExactlyInAnyOrder(2, 3);
          assertThat(api.get("/api/v1/training-jobs?status=RUNNING").ok(200).path("total").asInt())
              .isZero();
          assertThat(api.get("/api/v1/training-jobs?status=QUEUED").ok(200).path("total").asInt())
              .isZero();
          JsonNode v1Again = api.post(PREDICT + "?version=1", ROWS).ok(200);
          assertThat(Api.outputs(v1Again)).isDeepEqualTo(v1);
          assertThat(api.post(PREDICT, ROWS).ok(200).path("version").asInt()).isEqualTo(3);
          assertThat(api.get("/api/v1/networks/iris-restart").ok(200).path("latestVersion").asInt())
              .isEqualTo(3);
        });
  }
}
