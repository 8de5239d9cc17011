package dev.backprop.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.Iris;
import dev.backprop.network.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Hyperparameter searches over real HTTP on the whole service (H2). */
@IntegrationTest
class SearchApiTest {

  static final String GRID_OF_FOUR =
      """
      { "dataset": "iris", "strategy": "grid",
        "base": { "epochs": 40, "batchSize": 16, "validationSplit": 0.2, "seed": 7 },
        "space": { "learningRate": [0.01, 0.1], "optimizer": ["sgd", "adam"] } }
      """;

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    if (api.get("/api/v1/datasets/iris").status() == 404) {
      Iris.upload(new HttpTestClient(port), "iris");
    }
  }

  String searches(String network) {
    return "/api/v1/networks/" + network + "/searches";
  }

  String start(String network, String body) {
    Api.Answer started = api.post(searches(network), body);
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    return started.location().orElseThrow();
  }

  @Test
  void aGridOfFourEndsWithASortedLeaderboardAndOneVersionOfTheBest() {
    Iris.defineNetwork(new HttpTestClient(port), "grid-four");
    String location = start("grid-four", GRID_OF_FOUR);
    JsonNode search = api.finish(location, Duration.ofMinutes(5));
    assertThat(search.path("status").asString()).as(search.toString()).isEqualTo("SUCCEEDED");

    List<JsonNode> candidates = search.path("candidates").valueStream().toList();
    assertThat(candidates).hasSize(4);
    assertThat(candidates.stream().map(c -> c.path("hyperparameters").toString()).toList())
        .as("every combination, in order")
        .containsExactly(
            "{\"learningRate\":0.01,\"optimizer\":\"sgd\"}",
            "{\"learningRate\":0.01,\"optimizer\":\"adam\"}",
            "{\"learningRate\":0.1,\"optimizer\":\"sgd\"}",
            "{\"learningRate\":0.1,\"optimizer\":\"adam\"}");
    for (JsonNode candidate : candidates) {
      assertThat(candidate.path("status").asString()).isEqualTo("SUCCEEDED");
      JsonNode job = api.get("/api/v1/training-jobs/" + candidate.path("job").asString()).ok(200);
      assertThat(job.path("search").asString()).isEqualTo(search.path("id").asString());
      assertThat(job.path("resultVersion").isNull()).as("a candidate leaves no version").isTrue();
      assertThat(job.path("history").size()).as("its curves").isEqualTo(40);
      int kept = candidate.path("metrics").path("epoch").asInt();
      assertThat(candidate.path("metrics").path("validationLoss").asDouble())
          .isEqualTo(job.path("history").get(kept - 1).path("validationLoss").asDouble());
      assertThat(candidate.path("settings").path("learningRate").asDouble())
          .isEqualTo(candidate.path("hyperparameters").path("learningRate").asDouble());
    }

    List<JsonNode> board = search.path("leaderboard").valueStream().toList();
    assertThat(board).hasSize(4);
    List<Double> values = new ArrayList<>();
    for (JsonNode entry : board) {
      JsonNode candidate =
          candidates.stream()
              .filter(c -> c.path("job").equals(entry.path("job")))
              .findFirst()
              .orElseThrow();
      assertThat(entry.path("value").asDouble())
          .isEqualTo(candidate.path("metrics").path("validationLoss").asDouble());
      values.add(entry.path("value").asDouble());
    }
    assertThat(values).isSorted();
    assertThat(search.path("best")).isEqualTo(board.get(0));

    JsonNode versions = api.get("/api/v1/networks/grid-four/versions").ok(200);
    assertThat(versions.path("items").size()).as(versions.toString()).isEqualTo(1);
    JsonNode version = versions.path("items").get(0);
    assertThat(search.path("resultVersion").asInt()).isEqualTo(version.path("version").asInt());
    assertThat(version.path("trainingJob").asString())
        .isEqualTo(board.get(0).path("job").asString());
    assertThat(version.path("metrics").path("validationLoss").asDouble())
        .isEqualTo(board.get(0).path("value").asDouble());

    // The version holds the best candidate's parameters: the same settings, trained again as an
    // ordinary job (training is deterministic given its seed), give the same weights.
    ObjectNode settings = (ObjectNode) board.get(0).path("settings").deepCopy();
    settings.remove(List.of("data", "patience", "minDelta")); // no early stopping here
    api.succeed(api.submit("grid-four", settings.toString()));
    assertThat(export("grid-four", 1)).isEqualTo(export("grid-four", 2));

    String events = api.get(location + "/events").raw();
    assertThat(events.split("event:candidate", -1)).hasSize(5);
    assertThat(events).contains("event:status");
  }

  JsonNode export(String network, int version) {
    JsonNode model =
        api.get("/api/v1/networks/" + network + "/versions/" + version + "/export").ok(200);
    return model.path("layers");
  }

  @Test
  void aCancelledSearchKeepsNoVersion() {
    Iris.defineNetwork(new HttpTestClient(port), "grid-cancel");
    String location =
        start(
            "grid-cancel",
            """
            { "dataset": "iris",
              "base": { "epochs": 5000, "batchSize": 8, "validationSplit": 0.2, "seed": 7 },
              "space": { "learningRate": [0.01, 0.02, 0.03] } }
            """);
    api.awaitStatus(location, "RUNNING");
    JsonNode cancelled = api.post(location + "/cancel").ok(202);
    assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
    JsonNode search =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> api.get(location).json(),
                s ->
                    s.path("candidates")
                        .valueStream()
                        .allMatch(c -> c.path("status").asString().equals("CANCELLED")));
    assertThat(search.path("resultVersion").isNull()).isTrue();
    api.post(location + "/cancel").problem(409);
    assertThat(api.get("/api/v1/networks/grid-cancel/versions").ok(200).path("items").size())
        .isZero();
  }

  @Test
  void badInputIsA400NamingTheField() {
    Iris.defineNetwork(new HttpTestClient(port), "grid-bad");
    String base = "\"dataset\": \"iris\", \"base\": { \"validationSplit\": 0.2 }, ";
    api.post(searches("grid-bad"), "{" + base + "\"space\": { \"dropout\": [0.1] } }")
        .invalid(400, "space.dropout");
    api.post(searches("grid-bad"), "{" + base + "\"space\": { \"learningRate\": [] } }")
        .invalid(400, "space.learningRate");
    api.post(searches("grid-bad"), "{" + base + "\"space\": { \"momentum\": [0.5, 1.5] } }")
        .invalid(400, "space.momentum[1]");
    api.post(
            searches("grid-bad"),
            "{" + base + "\"space\": { \"optimizer\": [\"adam\", \"rmsprop\"] } }")
        .invalid(400, "space.optimizer[1]");
    api.post(searches("grid-bad"), "{" + base + "\"space\": {} }").invalid(400, "space");
    String big =
        "\"space\": { \"learningRate\": [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09,"
            + " 0.1, 0.11], \"batchSize\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }";
    JsonNode tooMany = api.post(searches("grid-bad"), "{" + base + big + "}").invalid(400, "space");
    assertThat(tooMany.path("detail").asString()).contains("110", "maxCandidates");
    start(
        "grid-bad",
        "{"
            + base
            + big
            + ", \"maxCandidates\": 1, \"base\": { \"epochs\": 1,"
            + " \"validationSplit\": 0.2 } }");
    api.post(
            searches("grid-bad"),
            "{ \"dataset\": \"iris\", \"space\": { \"learningRate\": [0.1] } }")
        .invalid(400, "metric");
    api.post(
            searches("grid-bad"),
            "{" + base + "\"metric\": \"f1\", \"space\": { \"learningRate\": [0.1] } }")
        .invalid(400, "metric");
    api.post(
            searches("grid-bad"),
            "{" + base + "\"strategy\": \"bayes\", \"space\": { \"learningRate\": [0.1] } }")
        .invalid(400, "strategy");
    api.post(
            searches("grid-bad"),
            "{ \"dataset\": \"iris\", \"base\": { \"epochs\": 0, \"validationSplit\": 0.2 },"
                + " \"space\": { \"learningRate\": [0.1] } }")
        .invalid(400, "base.epochs");
    api.post(searches("no-such-network"), "{" + base + "\"space\": { \"l2\": [0.1] } }")
        .problem(404);
    api.get("/api/v1/searches/not-a-uuid").problem(404);
    assertThat(api.get("/api/v1/searches?network=grid-bad").ok(200).path("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void aRandomSearchRunsTheCombinationsItsSeedDraws() {
    Iris.defineNetwork(new HttpTestClient(port), "random-three");
    String body =
        """
        { "dataset": "iris", "strategy": "random", "maxCandidates": 3, "seed": 11,
          "metric": "accuracy",
          "base": { "epochs": 5, "batchSize": 16, "seed": 7 },
          "space": { "learningRate": [0.01, 0.05, 0.1], "batchSize": [8, 16, 32],
                     "earlyStopping": [null, { "patience": 2 }] } }
        """;
    JsonNode first = api.finish(start("random-three", body), Duration.ofMinutes(5));
    JsonNode second = api.post(searches("random-three"), body).ok(202);
    List<String> drawn =
        first
            .path("candidates")
            .valueStream()
            .map(c -> c.path("hyperparameters").toString())
            .toList();
    assertThat(drawn).hasSize(3).doesNotHaveDuplicates();
    assertThat(
            second.path("candidates").valueStream().map(c -> c.path("hyperparameters").toString()))
        .containsExactlyElementsOf(drawn);
    assertThat(first.path("status").asString()).isEqualTo("SUCCEEDED");
    List<Double> accuracies =
        first.path("leaderboard").valueStream().map(e -> e.path("value").asDouble()).toList();
    assertThat(accuracies).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void pastMaxDurationTheRestIsCancelledAndTheSearchEndsWithWhatSucceeded() {
    Iris.defineNetwork(new HttpTestClient(port), "grid-deadline");
    String location =
        start(
            "grid-deadline",
            """
            { "dataset": "iris", "maxDuration": "PT4S",
              "base": { "batchSize": 1, "validationSplit": 0.2, "seed": 7 },
              "space": { "epochs": [5, 100000] } }
            """);
    JsonNode search = api.finish(location, Duration.ofMinutes(2));
    assertThat(search.path("status").asString()).as(search.toString()).isEqualTo("SUCCEEDED");
    assertThat(search.path("candidates").valueStream().map(c -> c.path("status").asString()))
        .containsExactly("SUCCEEDED", "CANCELLED");
    assertThat(search.path("leaderboard").size()).isEqualTo(1);
    assertThat(search.path("best").path("job"))
        .isEqualTo(search.path("candidates").get(0).path("job"));
    assertThat(search.path("resultVersion").asInt()).isEqualTo(1);
  }

  /**
   * Candidates cancelled through the training-job API end their search with no event from the
   * worker: the periodic check ends it, FAILED, since none succeeded.
   */
  @Test
  void aSearchWhoseCandidatesAllEndedElsewhereIsEndedByThePeriodicCheck() {
    Iris.defineNetwork(new HttpTestClient(port), "grid-swept");
    String location =
        start(
            "grid-swept",
            """
            { "dataset": "iris", "metric": "loss",
              "base": { "epochs": 100000, "batchSize": 8, "seed": 7 },
              "space": { "learningRate": [0.01, 0.02] } }
            """);
    JsonNode started = api.get(location).ok(200);
    for (JsonNode candidate : started.path("candidates")) {
      api.post("/api/v1/training-jobs/" + candidate.path("job").asString() + "/cancel").ok(202);
    }
    JsonNode search = api.finish(location, Duration.ofMinutes(1));
    assertThat(search.path("status").asString()).as(search.toString()).isEqualTo("FAILED");
    assertThat(search.path("leaderboard").size()).isZero();
    assertThat(search.path("resultVersion").isNull()).isTrue();
    assertThat(api.get("/api/v1/networks/grid-swept/versions").ok(200).path("items").size())
        .isZero();
  }
}
