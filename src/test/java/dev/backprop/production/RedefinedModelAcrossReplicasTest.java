package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.Iris;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas on one PostgreSQL database; a network is deleted on one and defined again, with
 * another shape, on one or the other: neither serves the deleted model once {@code
 * backprop.serving.version-refresh} (1 s) has passed since the delete, for {@code latest} or for
 * {@code version=1}, and the {@code /v2} metadata agrees with the predictions.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedefinedModelAcrossReplicasTest {

  static final Duration BOUND = Duration.ofSeconds(1); // backprop.serving.version-refresh
  static final Duration SLACK = Duration.ofSeconds(1); // a loaded machine
  static final Duration WATCH = Duration.ofSeconds(4);
  static final String ROWS = "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2]] }";

  Replica a;
  Replica b;

  @BeforeAll
  void start(PostgresDatabase database) {
    a = Replica.start("A", database, "--backprop.training.enabled=false");
    b = Replica.start("B", database, "--backprop.training.enabled=false");
  }

  @AfterAll
  void stop() {
    for (Replica replica : new Replica[] {a, b}) {
      if (replica != null) {
        replica.close();
      }
    }
  }

  @Test
  void deletedOnAAndDefinedAgainOnA() throws Exception {
    redefine("again-on-a", a, a);
  }

  @Test
  void deletedOnAAndDefinedAgainOnB() throws Exception {
    redefine("again-on-b", a, b);
  }

  /**
   * Defines {@code name} with 3 outputs, has both replicas cache it, deletes it on {@code deleter},
   * defines it again with 2 outputs on {@code definer}, and watches both replicas' answers.
   */
  private void redefine(String name, Replica deleter, Replica definer) throws Exception {
    TestModels.importIris(a.http(), name);
    for (Replica replica : new Replica[] {a, b}) {
      for (String version : List.of("latest", "1")) {
        assertThat(outputs(predict(replica.http(), name, version))).isEqualTo(3);
      }
    }

    var deleted = deleter.http().send("DELETE", "/api/v1/networks/" + name, null, "");
    long deletedAt = System.nanoTime();
    assertThat(deleted.statusCode()).isEqualTo(204);
    TestModels.importModel(definer.http(), name, 4, new int[] {5, 2}, "tanh", 7, null);
    long definedAt = System.nanoTime();

    List<String> stale = new ArrayList<>();
    long lastStale = -1;
    int answers = 0;
    while (System.nanoTime() - deletedAt < WATCH.toNanos()) {
      for (Replica replica : new Replica[] {a, b}) {
        for (String version : List.of("latest", "1")) {
          long sent = System.nanoTime();
          HttpResponse<String> response = predict(replica.http(), name, version);
          answers++;
          if (response.statusCode() == 200 && outputs(response) == 3) {
            lastStale = sent - deletedAt;
            stale.add(replica.name() + " version=" + version + " at " + lastStale / 1_000_000);
          } else {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 404);
          }
        }
      }
    }
    System.out.printf(
        "%s: deleted on %s, defined again on %s %d ms later; %d answers over %d s, the last"
            + " stale one %s after the delete%n",
        name,
        deleter.name(),
        definer.name(),
        (definedAt - deletedAt) / 1_000_000,
        answers,
        WATCH.toSeconds(),
        lastStale < 0 ? "never" : lastStale / 1_000_000 + " ms");
    assertThat(Duration.ofNanos(Math.max(0, lastStale)))
        .as("stale answers (replica, reference, ms after the delete): %s", stale)
        .isLessThan(BOUND.plus(SLACK));

    // Now every answer is the new model's, and /v2 says the same shape as it answers.
    for (Replica replica : new Replica[] {a, b}) {
      for (String version : List.of("latest", "1")) {
        assertThat(outputs(predict(replica.http(), name, version))).isEqualTo(2);
      }
      JsonNode metadata = Iris.json(replica.http().get("/v2/models/" + name).body());
      assertThat(metadata.get("outputs").get(0).get("shape").get(1).asInt()).isEqualTo(2);
      JsonNode inferred =
          Iris.json(
              replica
                  .http()
                  .send(
                      "POST",
                      "/v2/models/" + name + "/infer",
                      "application/json",
                      "{ \"inputs\": [ { \"name\": \"input\", \"shape\": [1, 4],"
                          + " \"datatype\": \"FP32\", \"data\": [5.1, 3.5, 1.4, 0.2] } ] }")
                  .body());
      assertThat(inferred.get("outputs").get(0).get("shape").get(1).asInt()).isEqualTo(2);
    }
  }

  private static HttpResponse<String> predict(HttpTestClient http, String name, String version) {
    return http.send(
        "POST",
        "/api/v1/networks/" + name + "/predictions?version=" + version,
        "application/json",
        ROWS);
  }

  private static int outputs(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Iris.json(response.body()).get("outputs").get(0).size();
  }
}
