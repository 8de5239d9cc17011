package dev.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Networks over real HTTP on the whole service: every refusal of a definition, the limits, and what
 * versions, export, import and delete do.
 */
@IntegrationTest
class NetworkApiTest {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  static String network(String name, String layers, String loss) {
    return "{ \"name\": \""
        + name
        + "\", \"inputs\": 2, \"layers\": "
        + layers
        + ", \"loss\": \""
        + loss
        + "\", \"seed\": 1 }";
  }

  JsonNode refused(String json, String field) {
    return api.post("/api/v1/networks", json).invalid(400, field);
  }

  @Test
  void stepActivationIsRefusedExplainingItsZeroDerivative() {
    JsonNode problem =
        refused(
            network(
                "net-step",
                "[{\"units\": 3, \"activation\": \"step\"}, {\"units\": 1, \"activation\":"
                    + " \"sigmoid\"}]",
                "binary_cross_entropy"),
            "layers[0].activation");
    assertThat(problem.path("detail").asString())
        .contains("step")
        .contains("derivative is zero everywhere")
        .contains("gradient descent");
    assertThat(api.get("/api/v1/networks/net-step").status()).isEqualTo(404);
  }

  @Test
  void softmaxInAHiddenLayerIsRefused() {
    JsonNode problem =
        refused(
            network(
                "net-softmax",
                "[{\"units\": 3, \"activation\": \"softmax\"}, {\"units\": 2, \"activation\":"
                    + " \"softmax\"}]",
                "cross_entropy"),
            "layers[0].activation");
    assertThat(problem.path("detail").asString()).contains("softmax").contains("output layer");
  }

  @Test
  void incompatibleLossAndOutputAreRefusedNamingBoth() {
    JsonNode ce =
        refused(
            network(
                "net-ce",
                "[{\"units\": 3, \"activation\": \"relu\"}, {\"units\": 2, \"activation\":"
                    + " \"sigmoid\"}]",
                "cross_entropy"),
            "loss");
    assertThat(ce.path("detail").asString()).contains("cross_entropy").contains("sigmoid");
    JsonNode bce =
        refused(
            network(
                "net-bce", "[{\"units\": 1, \"activation\": \"tanh\"}]", "binary_cross_entropy"),
            "loss");
    assertThat(bce.path("detail").asString()).contains("binary_cross_entropy").contains("tanh");
    JsonNode quadraticSoftmax =
        refused(
            network("net-qs", "[{\"units\": 2, \"activation\": \"softmax\"}]", "quadratic"),
            "loss");
    assertThat(quadraticSoftmax.path("detail").asString())
        .contains("softmax")
        .contains("quadratic");
  }

  @Test
  void unknownNamesAreRefused() {
    refused(
        network("net-gelu", "[{\"units\": 1, \"activation\": \"gelu\"}]", "quadratic"),
        "layers[0].activation");
    refused(
        network("net-hinge", "[{\"units\": 1, \"activation\": \"identity\"}]", "hinge"), "loss");
    refused(
        network("net-init", "[{\"units\": 1, \"activation\": \"identity\"}]", "quadratic")
            .replace("\"seed\"", "\"initializer\": \"zeros\", \"seed\""),
        "initializer");
  }

  @Test
  void labelsMustMatchTheOutputUnits() {
    JsonNode problem =
        refused(
            "{ \"name\": \"net-labels\", \"inputs\": 4, \"layers\": [{\"units\": 3,"
                + " \"activation\": \"softmax\"}], \"loss\": \"cross_entropy\","
                + " \"labels\": [\"a\", \"b\"] }",
            "labels");
    assertThat(problem.path("detail").asString()).contains("2").contains("3");
  }

  @Test
  void inputsOrFeaturesAreRequiredAndMustAgree() {
    refused(
        "{ \"name\": \"net-noinputs\", \"layers\": [{\"units\": 1, \"activation\": \"identity\"}],"
            + " \"loss\": \"quadratic\" }",
        "inputs");
    refused(
        "{ \"name\": \"net-disagree\", \"inputs\": 3, \"features\": [\"a\", \"b\"],"
            + " \"layers\": [{\"units\": 1, \"activation\": \"identity\"}], \"loss\": \"quadratic\" }",
        "inputs");
  }

  @Test
  void oversizedLayerIsRefusedNamingTheLimit() {
    JsonNode problem =
        refused(
            network(
                "net-wide",
                "[{\"units\": 4097, \"activation\": \"relu\"}, {\"units\": 1, \"activation\":"
                    + " \"identity\"}]",
                "quadratic"),
            "layers[0].units");
    assertThat(problem.path("detail").asString())
        .contains("backprop.limits.max-units-per-layer")
        .contains("4096");
    // Two billion units: refused from the number alone, nothing allocated.
    refused(
        network("net-huge", "[{\"units\": 2000000000, \"activation\": \"relu\"}]", "quadratic"),
        "layers[0].units");
  }

  @Test
  void tooManyParametersAreRefusedBeforeAllocation() {
    // 32 layers of 4096 units: 4096·4097·31 + 4096·3 ≈ 520 million parameters, about 2 GB of
    // float32 weights. Each layer is within max-units-per-layer; the total is not. Answered at
    // once, from arithmetic, long before anything that size could be allocated.
    StringBuilder layers = new StringBuilder("[");
    for (int i = 0; i < 32; i++) {
      layers.append(i == 0 ? "" : ",").append("{\"units\": 4096, \"activation\": \"relu\"}");
    }
    layers.append("]");
    long start = System.nanoTime();
    JsonNode problem = refused(network("net-deep", layers.toString(), "quadratic"), "layers");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(problem.path("detail").asString())
        .contains("backprop.limits.max-parameters")
        .contains("5000000");
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 33; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"units\": 1, \"activation\": \"relu\"}");
    }
    tooMany.append("]");
    assertThat(
            refused(network("net-33", tooMany.toString(), "quadratic"), "layers")
                .path("detail")
                .asString())
        .contains("backprop.limits.max-layers");
    assertThat(
            api.post(
                    "/api/v1/networks",
                    network("net-inputs", "[{\"units\": 1, \"activation\": \"relu\"}]", "quadratic")
                        .replace("\"inputs\": 2", "\"inputs\": 5000"))
                .invalid(400, "inputs")
                .path("detail")
                .asString())
        .contains("backprop.limits.max-units-per-layer");
  }

  @Test
  void duplicateNameIsA409() {
    String json = network("net-dup", "[{\"units\": 1, \"activation\": \"identity\"}]", "quadratic");
    JsonNode created = api.post("/api/v1/networks", json).ok(201);
    assertThat(created.path("name").asString()).isEqualTo("net-dup");
    assertThat(created.path("inputs").asInt()).isEqualTo(2);
    assertThat(created.path("parameterCount").asLong()).isEqualTo(3);
    assertThat(created.path("latestVersion").isNull()).isTrue();
    assertThat(created.path("createdAt").asString()).isNotBlank();
    assertThat(api.post("/api/v1/networks", json).problem(409).path("detail").asString())
        .contains("net-dup");
  }

  @Test
  void unknownNetworkIsA404EverywhereAndBadPagesAre400() {
    api.get("/api/v1/networks/no-such-net").problem(404);
    api.get("/api/v1/networks/no-such-net/versions").problem(404);
    api.get("/api/v1/networks/no-such-net/versions/latest").problem(404);
    api.get("/api/v1/networks/no-such-net/versions/1").problem(404);
    api.get("/api/v1/networks/no-such-net/versions/1/export").problem(404);
    api.delete("/api/v1/networks/no-such-net").problem(404);
    api.get("/api/v1/networks?size=501").invalid(400, "size");
    api.get("/api/v1/networks?page=-1").invalid(400, "page");
    api.post("/api/v1/networks", "{ \"name\": ").problem(400);
    api.send("POST", "/api/v1/networks", "text/plain", "x").problem(415);
    api.send("PUT", "/api/v1/networks/x", "application/json", "{}").problem(405);
  }

  @Test
  void untrainedNetworkHasNoLatestVersion() {
    api.createNetwork(
        network("net-untrained", "[{\"units\": 1, \"activation\": \"identity\"}]", "quadratic"));
    assertThat(api.get("/api/v1/networks/net-untrained/versions").ok(200).path("total").asInt())
        .isZero();
    api.get("/api/v1/networks/net-untrained/versions/latest").problem(404);
    api.get("/api/v1/networks/net-untrained/versions/latest/export").problem(404);
    api.get("/api/v1/networks/net-untrained/versions/abc").invalid(400, "version");
    api.get("/api/v1/networks/net-untrained/versions/0").invalid(400, "version");
  }

  static final String TINY_DOCUMENT =
      """
      { "format": "backprop-model", "formatVersion": 1, "name": "%s",
        "network": { "name": "tiny", "inputs": 2,
                     "layers": [ { "units": 2, "activation": "tanh" },
                                 { "units": 1, "activation": "sigmoid" } ],
                     "loss": "binary_cross_entropy", "seed": 1 },
        "standardization": { "mean": [1.0, -2.0], "std": [0.5, 4.0] },
        "layers": [ { "weights": [[0.5, -0.25], [0.125, 1.5]], "biases": [0.1, -0.1] },
                    { "weights": [[2.0, -3.0]], "biases": [0.25] } ] }
      """;

  @Test
  void importedDocumentsAreCheckedField() {
    String bad = TINY_DOCUMENT.formatted("tiny-bad");
    api.post("/api/v1/networks/import", bad.replace("[[2.0, -3.0]]", "[[2.0]]"))
        .invalid(400, "layers[1].weights[0]");
    api.post("/api/v1/networks/import", bad.replace("\"std\": [0.5, 4.0]", "\"std\": [0.5, 0]"))
        .invalid(400, "standardization.std[1]");
    api.post("/api/v1/networks/import", bad.replace("[[2.0, -3.0]]", "[[2.0, 1e39]]"))
        .invalid(400, "layers[1].weights[0][1]");
    api.post("/api/v1/networks/import", bad.replace("\"formatVersion\": 1", "\"formatVersion\": 2"))
        .invalid(400, "formatVersion");
    api.post("/api/v1/networks/import", bad.replace("backprop-model", "onnx"))
        .invalid(400, "format");
    api.post(
            "/api/v1/networks/import",
            bad.replace("\"activation\": \"tanh\"", "\"activation\": \"step\""))
        .invalid(400, "network.layers[0].activation");
    assertThat(api.get("/api/v1/networks/tiny-bad").status()).isEqualTo(404);
  }

  @Test
  void exportThenImportGivesIdenticalWeightsAndPredictions() {
    JsonNode imported =
        api.post("/api/v1/networks/import", TINY_DOCUMENT.formatted("tiny-a")).ok(201);
    assertThat(imported.path("latestVersion").asInt()).isEqualTo(1);
    JsonNode exported = api.get("/api/v1/networks/tiny-a/versions/latest/export").ok(200);
    assertThat(exported.path("format").asString()).isEqualTo("backprop-model");
    assertThat(exported.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(exported.path("version").asInt()).isEqualTo(1);
    assertThat(exported.path("network").path("name").asString()).isEqualTo("tiny-a");
    assertThat(exported.path("layers").get(0).path("weights").get(1).get(1).floatValue())
        .isEqualTo(1.5f);
    assertThat(exported.path("standardization").path("std").get(1).floatValue()).isEqualTo(4f);

    var copy = (tools.jackson.databind.node.ObjectNode) exported.deepCopy();
    copy.put("name", "tiny-b");
    api.post("/api/v1/networks/import", copy.toString()).ok(201);
    JsonNode again = api.get("/api/v1/networks/tiny-b/versions/1/export").ok(200);
    assertThat(again.path("layers")).isEqualTo(exported.path("layers"));
    assertThat(again.path("standardization")).isEqualTo(exported.path("standardization"));

    String rows = "{ \"inputs\": [[1.0, -2.0], [0.3, 7.5], [-4.0, 0.0]] }";
    JsonNode a = api.post("/api/v1/networks/tiny-a/predictions", rows).ok(200);
    JsonNode b = api.post("/api/v1/networks/tiny-b/predictions?version=1", rows).ok(200);
    assertThat(Api.outputs(b)).isDeepEqualTo(Api.outputs(a));
    // Row 1 is the mean: standardised inputs are 0, so a = σ(2·tanh(0.1) − 3·tanh(−0.1) + 0.25).
    double expected = 1 / (1 + Math.exp(-(2 * Math.tanh(0.1) - 3 * Math.tanh(-0.1) + 0.25)));
    assertThat((double) Api.outputs(a)[0][0])
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a.path("labels").size()).isEqualTo(3);

    api.post("/api/v1/networks/import", copy.toString()).problem(409);
  }

  @Test
  void latestAliasFollowsTheHighestVersion() {
    api.post("/api/v1/networks/import", TINY_DOCUMENT.formatted("tiny-latest")).ok(201);
    String job =
        api.submit(
            "tiny-latest",
            "{ \"data\": { \"features\": [[0, 0], [1, 1], [2, 0]], \"targets\": [0, 1, 1] },"
                + " \"epochs\": 3, \"optimizer\": \"sgd\", \"learningRate\": 0.1,"
                + " \"fromVersion\": \"latest\", \"seed\": 3 }");
    assertThat(api.succeed(job).path("resultVersion").asInt()).isEqualTo(2);
    assertThat(api.get("/api/v1/networks/tiny-latest").ok(200).path("latestVersion").asInt())
        .isEqualTo(2);
    JsonNode latest = api.get("/api/v1/networks/tiny-latest/versions/latest").ok(200);
    assertThat(latest.path("version").asInt()).isEqualTo(2);
    assertThat(latest.path("trainingJob").asString())
        .isEqualTo(job.substring(job.lastIndexOf('/') + 1));
    assertThat(latest.path("metrics").path("epochs").asInt()).isEqualTo(3);
    JsonNode first = api.get("/api/v1/networks/tiny-latest/versions/1").ok(200);
    assertThat(first.path("trainingJob").isNull()).isTrue();
    assertThat(
            api.get("/api/v1/networks/tiny-latest/versions/latest/export")
                .ok(200)
                .path("version")
                .asInt())
        .isEqualTo(2);
    JsonNode list = api.get("/api/v1/networks/tiny-latest/versions").ok(200);
    assertThat(list.path("total").asInt()).isEqualTo(2);
    assertThat(list.path("items").get(1).path("version").asInt()).isEqualTo(2);
    String rows = "{ \"inputs\": [[1.0, 1.0]] }";
    assertThat(
            api.post("/api/v1/networks/tiny-latest/predictions", rows)
                .ok(200)
                .path("version")
                .asInt())
        .isEqualTo(2);
    assertThat(
            api.post("/api/v1/networks/tiny-latest/predictions?version=1", rows)
                .ok(200)
                .path("version")
                .asInt())
        .isEqualTo(1);
    api.get("/api/v1/networks/tiny-latest/versions/3").problem(404);
  }

  @Test
  void deleteRemovesVersionsAndCancelsQueuedAndRunningJobs() {
    api.post("/api/v1/networks/import", TINY_DOCUMENT.formatted("tiny-gone")).ok(201);
    String longJob =
        "{ \"data\": { \"features\": [[0, 0], [1, 1], [2, 0]], \"targets\": [0, 1, 1] },"
            + " \"epochs\": 100000, \"seed\": 3 }";
    String running = api.submit("tiny-gone", longJob);
    String queued = api.submit("tiny-gone", longJob);
    api.awaitStatus(running, "RUNNING");
    assertThat(api.get(queued).json().path("status").asString()).isEqualTo("QUEUED");

    assertThat(api.delete("/api/v1/networks/tiny-gone").status()).isEqualTo(204);
    api.get("/api/v1/networks/tiny-gone").problem(404);
    api.get("/api/v1/networks/tiny-gone/versions").problem(404);
    api.get("/api/v1/networks/tiny-gone/versions/1").problem(404);
    api.post("/api/v1/networks/tiny-gone/predictions", "{ \"inputs\": [[1, 1]] }").problem(404);
    assertThat(api.get(running).json().path("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.get(queued).json().path("status").asString()).isEqualTo("CANCELLED");

    // The same name, defined again, starts from nothing: no version of the old network returns.
    api.createNetwork(
        network("tiny-gone", "[{\"units\": 1, \"activation\": \"identity\"}]", "quadratic"));
    api.post("/api/v1/networks/tiny-gone/predictions", "{ \"inputs\": [[1, 1]] }").problem(404);
    assertThat(api.get("/api/v1/networks/tiny-gone/versions").ok(200).path("total").asInt())
        .isZero();
    JsonNode stopped = api.finish(running, Duration.ofSeconds(30));
    assertThat(stopped.path("status").asString()).isEqualTo("CANCELLED");
    assertThat(stopped.path("resultVersion").isNull()).isTrue();
  }
}
