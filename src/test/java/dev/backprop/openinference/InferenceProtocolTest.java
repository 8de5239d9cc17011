package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.engine.Predictor;
import dev.backprop.prediction.PredictionService;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol (KServe V2) over HTTP, endpoint by endpoint. Each test states what
 * the protocol requires of the response: required fields and their JSON types, and for errors
 * {@code { "error": string }} with a 4xx status.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceProtocolTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String MODEL = "v2-iris";
  static final float[] ROWS = {5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f};

  @LocalServerPort int port;
  @Autowired PredictionService predictions;
  HttpTestClient http;

  @BeforeAll
  void importModel() {
    http = new HttpTestClient(port);
    TestModels.importIris(http, MODEL);
    var untrained =
        http.send(
            "POST",
            "/api/v1/networks",
            "application/json",
            """
            { "name": "v2-untrained", "inputs": 2,
              "layers": [ { "units": 2, "activation": "softmax" } ], "loss": "cross_entropy" }
            """);
    assertThat(untrained.statusCode()).as(untrained.body()).isEqualTo(201);
  }

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  // --- server ---

  @Test
  void serverMetadataHasNameVersionAndExtensions() {
    for (String path : new String[] {"/v2", "/v2/"}) {
      JsonNode body = json(http.get(path), 200);
      // name: string; version: string; extensions: array of strings (all three required)
      assertThat(body.get("name").isString()).isTrue();
      assertThat(body.get("name").asString()).isEqualTo("backprop");
      assertThat(body.get("version").isString()).isTrue();
      assertThat(body.get("extensions").isArray()).isTrue();
      body.get("extensions").forEach(e -> assertThat(e.isString()).isTrue());
    }
  }

  @Test
  void serverIsLiveAndReady() {
    assertThat(http.get("/v2/health/live").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
  }

  // --- model metadata and readiness ---

  @Test
  void modelMetadataDescribesTheInputAndOutputTensors() {
    for (String path :
        new String[] {"/v2/models/" + MODEL, "/v2/models/" + MODEL + "/versions/1"}) {
      JsonNode body = json(http.get(path), 200);
      // name: string and platform: string are required; versions: array of strings;
      // inputs and outputs: arrays of { name: string, datatype: string, shape: array of integers }
      assertThat(body.get("name").asString()).isEqualTo(MODEL);
      assertThat(body.get("platform").isString()).isTrue();
      assertThat(body.get("platform").asString()).isEqualTo("backprop");
      assertThat(body.get("versions").isArray()).isTrue();
      assertThat(body.get("versions").get(0).isString()).isTrue();
      assertThat(body.get("versions").get(0).asString()).isEqualTo("1");
      assertTensor(body.get("inputs"), "input", 4);
      assertTensor(body.get("outputs"), "output", 3);
    }
  }

  @Test
  void untrainedModelHasMetadataButNoVersions() {
    JsonNode body = json(http.get("/v2/models/v2-untrained"), 200);
    assertThat(body.get("versions").isArray()).isTrue();
    assertThat(body.get("versions").size()).isZero();
    assertTensor(body.get("inputs"), "input", 2);
  }

  @Test
  void modelIsReadyWithAndWithoutVersion() {
    assertThat(http.get("/v2/models/" + MODEL + "/ready").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/models/" + MODEL + "/versions/1/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownModelsAndVersionsAreNotFound() {
    error(http.get("/v2/models/no-such-model"), 404);
    error(http.get("/v2/models/no-such-model/ready"), 404);
    error(http.get("/v2/models/" + MODEL + "/versions/7"), 404);
    error(http.get("/v2/models/" + MODEL + "/versions/7/ready"), 404);
    error(http.get("/v2/models/v2-untrained/ready"), 404);
    error(infer("/v2/models/no-such-model/infer", flatRequest("FP32")), 404);
    error(infer("/v2/models/" + MODEL + "/versions/7/infer", flatRequest("FP32")), 404);
    error(infer("/v2/models/v2-untrained/infer", flatRequest("FP32")), 404);
  }

  @Test
  void malformedVersionIsABadRequest() {
    error(http.get("/v2/models/" + MODEL + "/versions/one"), 400);
  }

  // --- infer ---

  @Test
  void inferAnswersOneFp32OutputPerRow() {
    for (String path :
        new String[] {
          "/v2/models/" + MODEL + "/infer", "/v2/models/" + MODEL + "/versions/1/infer"
        }) {
      JsonNode body = json(infer(path, flatRequest("FP32")), 200);
      // model_name: string and outputs: array are required; model_version: string; id: string
      assertThat(body.get("model_name").asString()).isEqualTo(MODEL);
      assertThat(body.get("model_version").isString()).isTrue();
      assertThat(body.get("model_version").asString()).isEqualTo("1");
      assertThat(body.get("id").asString()).isEqualTo("req-42");
      assertOutput(body);
    }
  }

  /**
   * A small answer goes out whole with its length: not chunked, and so not gzipped even for a
   * client that accepts gzip (Tomcat compresses an answer of unknown length whatever its size).
   */
  @Test
  void aSmallAnswerHasItsLengthAndIsNotCompressed() {
    var response =
        http.send(
            http.request("/v2/models/" + MODEL + "/infer")
                .header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(flatRequest("FP32"))));
    assertOutput(json(response, 200));
    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(response.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void fp64AndNestedDataGiveTheSameOutputs() {
    String nested =
        """
        { "inputs": [ { "name": "input", "shape": [2, 4], "datatype": "FP64",
                        "data": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] } ] }
        """;
    JsonNode body = json(infer("/v2/models/" + MODEL + "/infer", nested), 200);
    assertThat(body.has("id")).isFalse();
    assertOutput(body);
    assertOutput(json(infer("/v2/models/" + MODEL + "/infer", flatRequest("FP64")), 200));
  }

  @Test
  void outputsFilterNamingTheOutputIsAccepted() {
    String request =
        """
        { "id": "f", "parameters": { "priority": 1 },
          "inputs": [ { "name": "input", "shape": [2, 4], "datatype": "FP32", "parameters": {},
                        "data": [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3] } ],
          "outputs": [ { "name": "output", "parameters": {} } ] }
        """;
    assertOutput(json(infer("/v2/models/" + MODEL + "/infer", request), 200));
  }

  @Test
  void inferMatchesThePredictionsApi() {
    JsonNode v2 = json(infer("/v2/models/" + MODEL + "/infer", flatRequest("FP32")), 200);
    JsonNode v1 =
        json(
            http.send(
                "POST",
                "/api/v1/networks/" + MODEL + "/predictions",
                "application/json",
                "{\"inputs\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}"),
            200);
    JsonNode data = v2.get("outputs").get(0).get("data");
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 3; j++) {
        assertThat(data.get(r * 3 + j).floatValue())
            .isEqualTo(v1.get("outputs").get(r).get(j).floatValue());
      }
    }
  }

  @Test
  void badRequestsAreErrors() {
    String path = "/v2/models/" + MODEL + "/infer";
    // wrong datatype
    error(infer(path, flatRequest("INT32")), 400);
    error(infer(path, flatRequest("BYTES")), 400);
    // wrong shape: width, rank, zero rows
    error(infer(path, request("input", "[2, 3]", "FP32", "[1, 2, 3, 4, 5, 6]")), 400);
    error(
        infer(path, request("input", "[8]", "FP32", "[5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]")),
        400);
    error(infer(path, request("input", "[0, 4]", "FP32", "[]")), 400);
    // data that does not match the shape
    error(infer(path, request("input", "[2, 4]", "FP32", "[1, 2, 3, 4]")), 400);
    error(infer(path, request("input", "[2, 4]", "FP32", "[[1, 2, 3, 4], [1, 2, 3]]")), 400);
    error(infer(path, request("input", "[1, 4]", "FP32", "[[1, 2, 3, 4], [1, 2, 3, 4]]")), 400);
    // values that are not finite FP32 numbers
    error(infer(path, request("input", "[1, 4]", "FP32", "[1, 2, \"3\", 4]")), 400);
    error(infer(path, request("input", "[1, 4]", "FP32", "[1, 2, true, 4]")), 400);
    error(infer(path, request("input", "[1, 4]", "FP64", "[1, 2, 1e300, 4]")), 400);
    // unknown input name, no inputs, two inputs
    error(infer(path, request("x", "[1, 4]", "FP32", "[1, 2, 3, 4]")), 400);
    error(infer(path, "{ \"inputs\": [] }"), 400);
    error(infer(path, "{ \"id\": \"1\" }"), 400);
    String one =
        "{ \"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4] }";
    error(infer(path, "{ \"inputs\": [" + one + ", " + one + "] }"), 400);
    // an output the model does not have
    error(
        infer(
            path,
            "{ \"inputs\": [" + one + "], \"outputs\": [ { \"name\": \"probabilities\" } ] }"),
        400);
  }

  @Test
  void malformedJsonIsAnError() {
    String path = "/v2/models/" + MODEL + "/infer";
    error(infer(path, "{ \"inputs\": [ "), 400);
    error(infer(path, "not json"), 400);
    error(infer(path, ""), 400);
    error(infer(path, "{ \"inputs\": { \"name\": \"input\" } }"), 400);
  }

  @Test
  void unknownPathsAndMethodsUnderV2AreErrors() {
    error(http.get("/v2/no-such-thing"), 404);
    error(http.get("/v2/models/" + MODEL + "/infer"), 404);
    error(http.get("/v2/models/" + MODEL + "/versions/1/trace/setting"), 404);
  }

  // --- helpers ---

  private void assertOutput(JsonNode body) {
    // outputs: array of { name: string, shape: array of integers, datatype: string, data: array }
    JsonNode outputs = body.get("outputs");
    assertThat(outputs.isArray()).isTrue();
    assertThat(outputs.size()).isEqualTo(1);
    JsonNode output = outputs.get(0);
    assertThat(output.get("name").asString()).isEqualTo("output");
    assertThat(output.get("datatype").asString()).isEqualTo("FP32");
    assertThat(output.get("shape").isArray()).isTrue();
    assertThat(output.get("shape").get(0).isIntegralNumber()).isTrue();
    assertThat(output.get("shape").get(0).asInt()).isEqualTo(2);
    assertThat(output.get("shape").get(1).asInt()).isEqualTo(3);
    JsonNode data = output.get("data");
    assertThat(data.isArray()).isTrue();
    assertThat(data.size()).isEqualTo(6);
    float[] expected = Predictor.predictFlat(predictions.resolve(MODEL, "1").model(), ROWS, 2);
    for (int i = 0; i < expected.length; i++) {
      assertThat(data.get(i).isNumber()).isTrue();
      assertThat(data.get(i).floatValue()).isEqualTo(expected[i]);
    }
  }

  private static void assertTensor(JsonNode tensors, String name, int width) {
    assertThat(tensors.isArray()).isTrue();
    assertThat(tensors.size()).isEqualTo(1);
    JsonNode tensor = tensors.get(0);
    assertThat(tensor.get("name").asString()).isEqualTo(name);
    assertThat(tensor.get("datatype").asString()).isEqualTo("FP32");
    assertThat(tensor.get("shape").isArray()).isTrue();
    assertThat(tensor.get("shape").get(0).isIntegralNumber()).isTrue();
    assertThat(tensor.get("shape").get(0).asInt()).isEqualTo(-1);
    assertThat(tensor.get("shape").get(1).asInt()).isEqualTo(width);
  }

  private HttpResponse<String> infer(String path, String body) {
    return http.send("POST", path, "application/json", body);
  }

  private static String flatRequest(String datatype) {
    return "{ \"id\": \"req-42\", \"inputs\": [ { \"name\": \"input\", \"shape\": [2, 4],"
        + " \"datatype\": \""
        + datatype
        + "\", \"data\": [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3] } ] }";
  }

  private static String request(String name, String shape, String datatype, String data) {
    return "{ \"inputs\": [ { \"name\": \""
        + name
        + "\", \"shape\": "
        + shape
        + ", \"datatype\": \""
        + datatype
        + "\", \"data\": "
        + data
        + " } ] }";
  }

  private static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  /** {@code { "error": string }} and nothing else, with the status. */
  private static void error(HttpResponse<String> response, int status) {
    JsonNode body = json(response, status);
    assertThat(body.size()).as(response.body()).isEqualTo(1);
    assertThat(body.get("error").isString()).as(response.body()).isTrue();
    assertThat(body.get("error").asString()).isNotBlank();
  }
}
