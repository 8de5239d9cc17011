package dev.backprop.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.Iris;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The README's walkthrough, end to end over HTTP: upload iris, define a network, train it, follow
 * the job, predict, then list, export and delete what was made. One walkthrough for every database
 * the service runs on: {@link FullFlowTest} runs it on H2, {@code PostgresFullFlowTest} on
 * PostgreSQL. A subclass gives the context (its annotations) and a name no other test of that
 * context uses.
 */
public abstract class FullFlow {

  @LocalServerPort private int port;

  /** The name of the data set and the network the walkthrough makes. */
  protected abstract String name();

  /**
   * Looks at the stored rows once the job has succeeded; by default nothing.
   *
   * @param jobId the walkthrough's training job
   */
  protected void checkStored(String jobId) {}

  protected final HttpTestClient http() {
    return new HttpTestClient(port);
  }

  @Test
  void irisIsLearnedAndServed() {
    HttpTestClient http = http();
    String name = name();
    Iris.upload(http, name);
    Iris.defineNetwork(http, name);
    String location =
        Iris.submit(
            http,
            name,
            """
            { "dataset": "%s", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
              "optimizer": "adam", "validationSplit": 0.2, "seed": 7 }
            """
                .formatted(name));
    String jobId = location.substring(location.lastIndexOf('/') + 1);

    JsonNode job = Iris.awaitFinished(http, location, Duration.ofMinutes(2));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("history").size()).isEqualTo(200);
    assertThat(job.get("resultVersion").asInt()).isEqualTo(1);
    // Pinned bits: the same seed and the same float32 values train to the same numbers on every
    // run and machine (each epoch's shuffle is drawn from the seed and the epoch). They change only
    // when the math, the data's values or that draw change, and then on purpose. (The validation
    // loss changed in its last bits when validation began to run through the prediction kernel's
    // transposed weights, the sums of each row in another order: it is now what predictions give.)
    JsonNode last = job.get("history").get(199);
    assertThat(List.of(last.get("loss").asDouble(), last.get("validationLoss").asDouble()))
        .containsExactly(0.002223222992918052, 0.4880579058707765);

    Iris.Accuracy accuracy = Iris.predictAll(http, name, "latest");
    assertThat(accuracy.version()).isEqualTo(1);
    assertThat(accuracy.value()).isGreaterThanOrEqualTo(0.93);

    var events = http.get(location + "/events");
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body()).contains("event:epoch").contains("event:status");
    // Each event's data is the JSON of the epoch (or the finished job) on one line.
    assertThat(events.body())
        .contains("event:epoch\nid:200\ndata:{\"epoch\":200,\"loss\":")
        .containsPattern(
            "event:status\ndata:\\{\"id\":\"[0-9a-f-]{36}\",\"network\":\"" + name() + "\"");

    listsAndExport(http, name, jobId);
    checkStored(jobId);

    assertThat(http.send("DELETE", "/api/v1/networks/" + name, null, "").statusCode())
        .isEqualTo(204);
    assertThat(http.get("/api/v1/networks/" + name).statusCode()).isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/datasets/" + name, null, "").statusCode())
        .isEqualTo(204);
  }

  /** Every other kind of query: filtered and paged lists, the network, its versions, export. */
  private static void listsAndExport(HttpTestClient http, String name, String jobId) {
    JsonNode jobs =
        Iris.json(
            http.get("/api/v1/training-jobs?network=" + name + "&status=SUCCEEDED&size=5").body());
    assertThat(jobs.get("total").asInt()).isEqualTo(1);
    assertThat(jobs.get("items").get(0).get("id").asString()).isEqualTo(jobId);
    assertThat(http.get("/api/v1/datasets?size=500").body()).contains("\"name\":\"" + name + "\"");
    assertThat(http.get("/api/v1/networks?page=0&size=500").body())
        .contains("\"name\":\"" + name + "\"");
    assertThat(http.get("/api/v1/networks/" + name).body()).contains("\"latestVersion\":1");
    assertThat(http.get("/api/v1/networks/" + name + "/versions").body()).contains("\"version\":1");
    assertThat(http.get("/api/v1/networks/" + name + "/versions/latest/export").statusCode())
        .isEqualTo(200);
  }
}
