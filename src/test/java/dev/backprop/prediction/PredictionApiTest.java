package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Predictions over real HTTP on the whole service: every refusal, and answers during training. */
@IntegrationTest
class PredictionApiTest {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  static final String DOCUMENT =
      """
      { "format": "backprop-model", "formatVersion": 1,
        "network": { "name": "%s", "features": ["x", "y"],
                     "layers": [ { "units": 3, "activation": "tanh" },
                                 { "units": 2, "activation": "softmax" } ],
                     "loss": "cross_entropy", "seed": 1, "labels": ["no", "yes"] },
        "standardization": null,
        "layers": [ { "weights": [[0.5, -0.25], [0.125, 1.5], [1, 1]], "biases": [0.1, -0.1, 0] },
                    { "weights": [[2.0, -3.0, 1], [-1, 0.5, 0.25]], "biases": [0.25, 0] } ] }
      """;

  String predictions(String network) {
    return "/api/v1/networks/" + network + "/predictions";
  }

  @Test
  void answersOutputsAndLabels() {
    api.post("/api/v1/networks/import", DOCUMENT.formatted("pred-ok")).ok(201);
    JsonNode answer =
        api.post(predictions("pred-ok"), "{ \"inputs\": [[0.5, 1], [-2, 3]] }").ok(200);
    assertThat(answer.path("network").asString()).isEqualTo("pred-ok");
    assertThat(answer.path("version").asInt()).isEqualTo(1);
    float[][] outputs = Api.outputs(answer);
    assertThat(outputs).hasNumberOfRows(2);
    assertThat(outputs[0][0] + outputs[0][1])
        .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(answer.path("labels").size()).isEqualTo(2);
    JsonNode named =
        api.post(
                predictions("pred-ok"),
                "{ \"instances\": [{ \"y\": 1, \"x\": 0.5 }, { \"x\": -2, \"y\": 3 }] }")
            .ok(200);
    assertThat(Api.outputs(named)).isDeepEqualTo(outputs);
  }

  @Test
  void badRowsAre400sNamingTheValue() {
    api.post("/api/v1/networks/import", DOCUMENT.formatted("pred-bad")).ok(201);
    String at = predictions("pred-bad");
    // 1e400 is valid JSON but overflows a double to Infinity; 1e39 overflows float32.
    api.post(at, "{ \"inputs\": [[1, 1e400]] }").invalid(400, "inputs[0][1]");
    api.post(at, "{ \"inputs\": [[1, 2], [-1e400, 0]] }").invalid(400, "inputs[1][0]");
    api.post(at, "{ \"inputs\": [[1e39, 1]] }").invalid(400, "inputs[0][0]");
    api.post(at, "{ \"inputs\": [[1, NaN]] }").problem(400);
    api.post(at, "{ \"inputs\": [[1, \"NaN\"]] }").problem(400);
    api.post(at, "{ \"inputs\": [[1, Infinity]] }").problem(400);
    api.post(at, "{ \"inputs\": [[1, \"two\"]] }").invalid(400, "inputs[0][1]");
    api.post(at, "{ \"inputs\": [[1, null]] }").invalid(400, "inputs[0][1]");
    api.post(at, "{ \"inputs\": [[1, 2, 3]] }").invalid(400, "inputs[0]");
    api.post(at, "{ \"inputs\": [[1, 2], [1]] }").invalid(400, "inputs[1]");
    api.post(at, "{ \"inputs\": [[]] }").invalid(400, "inputs[0]");
    api.post(at, "{ \"inputs\": [] }").invalid(400, "inputs");
    api.post(at, "{ \"instances\": [] }").invalid(400, "instances");
    api.post(at, "{ \"instances\": [{ \"x\": 1 }] }").invalid(400, "instances[0].y");
    api.post(at, "{ \"instances\": [{ \"x\": 1, \"y\": 2, \"z\": 3 }] }")
        .invalid(400, "instances[0].z");
    api.post(at, "{ \"instances\": [{ \"x\": 1, \"y\": 1e400 }] }").invalid(400, "instances[0].y");
    api.post(at, "{ \"inputs\": [[1, 2]], \"threshold\": 1 }").invalid(400, "threshold");
    api.post(at, "{ \"inputs\": [[1, 2]], \"instances\": [{ \"x\": 1, \"y\": 2 }] }").problem(400);
    api.post(at, "{ \"inputs\": [[1, 2]").problem(400);
    api.send("POST", at, "text/csv", "1,2").problem(415);
    api.get(at).problem(405);
  }

  @Test
  void versionParameterIsChecked() {
    api.post("/api/v1/networks/import", DOCUMENT.formatted("pred-version")).ok(201);
    String rows = "{ \"inputs\": [[1, 2]] }";
    assertThat(
            api.post(predictions("pred-version") + "?version=1", rows)
                .ok(200)
                .path("version")
                .asInt())
        .isEqualTo(1);
    api.post(predictions("pred-version") + "?version=2", rows).problem(404);
    api.post(predictions("pred-version") + "?version=abc", rows).invalid(400, "version");
    api.post(predictions("pred-version") + "?version=0", rows).invalid(400, "version");
  }

  @Test
  void tooManyRowsAreRefusedNamingTheLimit() {
    api.post("/api/v1/networks/import", DOCUMENT.formatted("pred-rows")).ok(201);
    StringBuilder rows = new StringBuilder("{ \"inputs\": [");
    for (int i = 0; i <= 10_000; i++) {
      rows.append(i == 0 ? "" : ",").append("[1, 2]");
    }
    rows.append("] }");
    var answer = api.post(predictions("pred-rows"), rows.toString());
    assertThat(answer.status()).isIn(400, 413);
    assertThat(answer.problem(answer.status()).path("detail").asString())
        .contains("backprop.limits.max-prediction-rows");
  }

  @Test
  void untrainedOrUnknownNetworkIsA404() {
    api.createNetwork(
        "{ \"name\": \"pred-untrained\", \"inputs\": 2, \"layers\": [{\"units\": 1,"
            + " \"activation\": \"identity\"}], \"loss\": \"quadratic\" }");
    assertThat(
            api.post(predictions("pred-untrained"), "{ \"inputs\": [[1, 2]] }")
                .problem(404)
                .path("detail")
                .asString())
        .contains("pred-untrained");
    api.post(predictions("pred-nothing"), "{ \"inputs\": [[1, 2]] }").problem(404);
  }

  /**
   * While a job trains the network, answers come from the previous version, whole: never a version
   * being trained, never half of one. Once the new version is stored, {@code latest} answers it.
   */
  @Test
  void predictionsDuringTrainingAnswerFromThePreviousVersion() {
    api.createNetwork(
        "{ \"name\": \"pred-during\", \"inputs\": 2, \"layers\": [{\"units\": 8, \"activation\":"
            + " \"tanh\"}, {\"units\": 2, \"activation\": \"softmax\"}], \"loss\":"
            + " \"cross_entropy\", \"seed\": 11 }");
    String data =
        "\"data\": { \"features\": [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.1, 0.9]],"
            + " \"targets\": [0, 1, 1, 0, 1, 1] }";
    api.succeed(api.submit("pred-during", "{ " + data + ", \"epochs\": 5, \"seed\": 1 }"));
    String rows = "{ \"inputs\": [[0, 0], [0, 1], [1, 0], [1, 1]] }";
    float[][] v1 = Api.outputs(api.post(predictions("pred-during"), rows).ok(200));

    String job =
        api.submit(
            "pred-during",
            "{ " + data + ", \"epochs\": 15000, \"fromVersion\": \"latest\", \"seed\": 2 }");
    api.awaitStatus(job, "RUNNING");
    List<Integer> seen = new ArrayList<>();
    int duringTraining = 0;
    float[][] v2 = null;
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      String status = api.get(job).json().path("status").asString();
      JsonNode answer = api.post(predictions("pred-during"), rows).ok(200);
      int version = answer.path("version").asInt();
      seen.add(version);
      if (version == 1) {
        assertThat(Api.outputs(answer)).as("an answer of version 1").isDeepEqualTo(v1);
        if (status.equals("RUNNING")) {
          duringTraining++;
        }
      } else {
        assertThat(version).isEqualTo(2);
        v2 = Api.outputs(answer);
        break;
      }
    }
    assertThat(duringTraining).as("answers while the job ran: " + seen).isGreaterThan(3);
    assertThat(v2).as("version 2 never answered: " + seen).isNotNull();
    assertThat(api.get(job).json().path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(v2).isNotEqualTo(v1);
    // From now on, every answer is version 2's, and version 1 is still there on request.
    for (int i = 0; i < 5; i++) {
      JsonNode answer = api.post(predictions("pred-during"), rows).ok(200);
      assertThat(answer.path("version").asInt()).isEqualTo(2);
      assertThat(Api.outputs(answer)).isDeepEqualTo(v2);
    }
    assertThat(Api.outputs(api.post(predictions("pred-during") + "?version=1", rows).ok(200)))
        .isDeepEqualTo(v1);
  }
}
