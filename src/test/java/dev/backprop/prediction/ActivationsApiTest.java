package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The activations endpoint against a hand computation, and against /predictions. */
@IntegrationTest
class ActivationsApiTest {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  /**
   * 2-2-1: a relu hidden layer and an identity output; standardisation mean (1, 2), std (2, 4). Row
   * (3, 6): input (1, 1); s1 = (1 - 2 + 0.5, 0.5 + 0.25 - 1) = (-0.5, -0.25); a1 = (0, 0); s2 = a2
   * = 0.25. Row (5, 2): input (2, 0); s1 = (2 + 0.5, 1 - 1) = (2.5, 0) = a1; s2 = a2 = 3 · 2.5 +
   * 0.25 = 7.75.
   */
  static final String DOCUMENT =
      """
      { "format": "backprop-model", "formatVersion": 1,
        "network": { "name": "act-hand", "features": ["x", "y"],
                     "layers": [ { "units": 2, "activation": "relu" },
                                 { "units": 1, "activation": "identity" } ],
                     "loss": "quadratic", "seed": 1 },
        "standardization": { "mean": [1, 2], "std": [2, 4] },
        "layers": [ { "weights": [[1, -2], [0.5, 0.25]], "biases": [0.5, -1] },
                    { "weights": [[3, -1]], "biases": [0.25] } ] }
      """;

  @Test
  void everyNeuronAsComputedByHand() {
    api.post("/api/v1/networks/import", DOCUMENT).ok(201);
    JsonNode answer =
        api.post(
                "/api/v1/networks/act-hand/versions/latest/activations",
                "{ \"inputs\": [[3, 6], [5, 2]] }")
            .ok(200);
    assertThat(answer.path("network").asString()).isEqualTo("act-hand");
    assertThat(answer.path("version").asInt()).isEqualTo(1);
    assertRows(answer.path("input"), new double[][] {{1, 1}, {2, 0}});
    JsonNode hidden = answer.path("layers").get(0);
    assertThat(hidden.path("units").asInt()).isEqualTo(2);
    assertThat(hidden.path("activation").asString()).isEqualTo("relu");
    assertRows(hidden.path("s"), new double[][] {{-0.5, -0.25}, {2.5, 0}});
    assertRows(hidden.path("a"), new double[][] {{0, 0}, {2.5, 0}});
    JsonNode output = answer.path("layers").get(1);
    assertThat(output.path("activation").asString()).isEqualTo("identity");
    assertRows(output.path("s"), new double[][] {{0.25}, {7.75}});
    assertRows(output.path("a"), new double[][] {{0.25}, {7.75}});

    JsonNode predicted =
        api.post(
                "/api/v1/networks/act-hand/predictions?version=1",
                "{ \"instances\": [{ \"x\": 3, \"y\": 6 }, { \"x\": 5, \"y\": 2 }] }")
            .ok(200);
    assertThat(predicted.path("outputs").toString()).isEqualTo(output.path("a").toString());
  }

  @Test
  void theLastLayerEqualsThePredictionsOfASoftmaxClassifier() {
    api.post("/api/v1/networks/import", PredictionApiTest.DOCUMENT.formatted("act-soft")).ok(201);
    String rows = "{ \"inputs\": [[0.5, 1], [-2, 3], [0, 0]] }";
    JsonNode traced = api.post("/api/v1/networks/act-soft/versions/1/activations", rows).ok(200);
    JsonNode predicted = api.post("/api/v1/networks/act-soft/predictions", rows).ok(200);
    assertThat(traced.path("layers").get(1).path("a").toString())
        .isEqualTo(predicted.path("outputs").toString());
    // No standardisation: the input is the rows as sent.
    assertRows(traced.path("input"), new double[][] {{0.5, 1}, {-2, 3}, {0, 0}});
  }

  @Test
  void refusalsAreProblems() {
    api.post("/api/v1/networks/import", PredictionApiTest.DOCUMENT.formatted("act-bad")).ok(201);
    String at = "/api/v1/networks/act-bad/versions/1/activations";
    api.post(at, "{ \"inputs\": [[1, 2, 3]] }").invalid(400, "inputs[0]");
    api.post(at, "{ \"inputs\": [] }").invalid(400, "inputs");
    StringBuilder many = new StringBuilder("{ \"inputs\": [[0, 0]");
    many.append(", [0, 0]".repeat(ActivationsService.MAX_ROWS));
    api.post(at, many.append("] }").toString()).invalid(400, "inputs");
    api.post("/api/v1/networks/act-bad/versions/2/activations", "{ \"inputs\": [[1, 2]] }")
        .problem(404);
    api.post("/api/v1/networks/act-none/versions/1/activations", "{ \"inputs\": [[1, 2]] }")
        .problem(404);
  }

  private static void assertRows(JsonNode actual, double[][] expected) {
    assertThat(actual.size()).isEqualTo(expected.length);
    for (int r = 0; r < expected.length; r++) {
      assertThat(actual.get(r).size()).isEqualTo(expected[r].length);
      for (int c = 0; c < expected[r].length; c++) {
        assertThat(actual.get(r).get(c).asDouble()).isCloseTo(expected[r][c], within(1e-6));
      }
    }
  }
}
