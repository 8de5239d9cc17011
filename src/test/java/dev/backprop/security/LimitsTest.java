package dev.backprop.security;

import static dev.backprop.security.SecuredIntegrationTest.ADMIN_KEY;
import static dev.backprop.security.SecuredIntegrationTest.PREDICT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.CsvForm;
import dev.backprop.HttpTestClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Past a limit, a 413 or 400 that names it. This context sets max-request-size to 64KB and the
 * multipart limits to 256KB; the others are the defaults.
 */
@SecuredIntegrationTest
class LimitsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body) {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-API-Key", ADMIN_KEY)
            .header("Content-Type", contentType)
            .POST(body));
  }

  HttpResponse<String> postJson(String path, String body) {
    return post(path, "application/json", HttpRequest.BodyPublishers.ofString(body));
  }

  static String bigNetwork(int bytes) {
    return "{\"name\": \"big\", \"inputs\": 2, \"layers\": [{\"units\": 1, \"activation\":"
        + " \"sigmoid\"}], \"loss\": \"quadratic\", \"labels\": [\""
        + "x".repeat(bytes)
        + "\"]}";
  }

  @Test
  void aDeclaredBodyOverMaxRequestSizeIs413() {
    var response = postJson("/api/v1/networks", bigNetwork(100_000));
    assertProblem(response, 413, "payload-too-large", "backprop.limits.max-request-size");
  }

  @Test
  void aStreamedBodyOverMaxRequestSizeIs413() {
    byte[] body = bigNetwork(100_000).getBytes(StandardCharsets.UTF_8);
    // ofInputStream has no known length, so the body is sent chunked, without Content-Length.
    var response =
        post(
            "/api/v1/networks",
            "application/json",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    assertProblem(response, 413, "payload-too-large", "backprop.limits.max-request-size");
  }

  @Test
  void aBodyUnderMaxRequestSizeIsRead() {
    var response = postJson("/api/v1/networks", bigNetwork(1_000));
    assertThat(response.statusCode()).isNotEqualTo(413);
  }

  @Test
  void anOversizedInferenceBodyIs413WithTheProtocolsErrorBody() {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/models/m/infer"))
                .header("Authorization", "Bearer " + PREDICT_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("error").asString())
        .contains("backprop.limits.max-request-size");
  }

  @Test
  void aStreamedBinaryInferenceBodyIs413WithTheProtocolsErrorBody() {
    // Triton's binary tensor data: a JSON header, then 80,000 bytes of FP32 (20,000 values)
    String header =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[5000,4],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":80000}}]}";
    byte[] body = Arrays.copyOf(header.getBytes(StandardCharsets.UTF_8), header.length() + 80_000);
    // ofInputStream has no known length, so the body is sent chunked, without Content-Length.
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/models/m/infer"))
                .header("Authorization", "Bearer " + PREDICT_KEY)
                .header("Inference-Header-Content-Length", Integer.toString(header.length()))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("error").asString())
        .contains("backprop.limits.max-request-size");
  }

  @Test
  void dataSetUploadsHaveTheirOwnLargerLimit() {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; csv.length() < 100_000; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    var response =
        post(
            "/api/v1/datasets?name=over-request-size&target=y",
            "text/csv",
            HttpRequest.BodyPublishers.ofString(csv.toString()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void anOversizedMultipartUploadIs413() {
    byte[] csv = ("a,y\n" + "1,0\n".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    var response =
        post(
            "/api/v1/datasets",
            CsvForm.CONTENT_TYPE,
            HttpRequest.BodyPublishers.ofByteArray(CsvForm.body("huge", "huge.csv", csv)));
    assertProblem(response, 413, "payload-too-large", "spring.servlet.multipart");
  }

  @Test
  void networkLimitsAreNamed() {
    assertProblem(
        postJson(
            "/api/v1/networks",
            "{\"name\": \"wide\", \"inputs\": 2, \"layers\": [{\"units\": 5000, \"activation\":"
                + " \"sigmoid\"}], \"loss\": \"quadratic\"}"),
        400,
        "limit-exceeded",
        "backprop.limits.max-units-per-layer");
    assertProblem(
        postJson(
            "/api/v1/networks",
            "{\"name\": \"wide\", \"inputs\": 4000, \"layers\": [{\"units\": 4000, \"activation\":"
                + " \"relu\"}, {\"units\": 4000, \"activation\": \"sigmoid\"}], \"loss\":"
                + " \"quadratic\"}"),
        400,
        null,
        "backprop.limits.max-parameters");
    StringJoiner layers = new StringJoiner(",");
    for (int i = 0; i < 33; i++) {
      layers.add("{\"units\": 2, \"activation\": \"sigmoid\"}");
    }
    assertProblem(
        postJson(
            "/api/v1/networks",
            "{\"name\": \"deep\", \"inputs\": 2, \"layers\": ["
                + layers
                + "], \"loss\": \"quadratic\"}"),
        400,
        "limit-exceeded",
        "backprop.limits.max-layers");
  }

  @Test
  void epochQueuePredictionRowAndDataSetColumnLimitsAreNamed() {
    var created =
        postJson(
            "/api/v1/networks/import",
            """
            { "format": "backprop-model", "formatVersion": 1, "name": "limits-net",
              "network": { "name": "x", "inputs": 2,
                           "layers": [ { "units": 1, "activation": "sigmoid" } ],
                           "loss": "quadratic" },
              "version": 1, "standardization": null,
              "layers": [ { "weights": [[0.5, -0.5]], "biases": [0.1] } ] }
            """);
    assertThat(created.statusCode()).as(created.body()).isIn(201, 409);

    assertProblem(
        postJson(
            "/api/v1/networks/limits-net/training-jobs",
            "{\"data\": {\"features\": [[0, 1]], \"targets\": [1]}, \"epochs\": 100001}"),
        400,
        "limit-exceeded",
        "backprop.limits.max-epochs");

    assertProblem(
        postJson(
            "/api/v1/networks/limits-net/training-jobs",
            "{\"data\": {\"features\": [[0, 1]], \"targets\": [1]}, \"epochs\": 1}"),
        429,
        "limit-exceeded",
        "backprop.limits.max-queued-jobs");

    StringJoiner rows = new StringJoiner(",", "{\"inputs\": [", "]}");
    for (int i = 0; i < 10_001; i++) {
      rows.add("[1,2]");
    }
    assertProblem(
        postJson("/api/v1/networks/limits-net/predictions", rows.toString()),
        400,
        "limit-exceeded",
        "backprop.limits.max-prediction-rows");

    StringJoiner row = new StringJoiner(",", "[", "]");
    for (int i = 0; i < 1001; i++) {
      row.add("0");
    }
    assertProblem(
        postJson(
            "/api/v1/datasets",
            "{\"name\": \"too-wide\", \"features\": [" + row + "], \"targets\": [0]}"),
        400,
        null,
        "backprop.limits.max-dataset-columns");
  }

  private static void assertProblem(
      HttpResponse<String> response, int status, String slug, String limit) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode body = JSON.readTree(response.body());
    if (slug != null) {
      assertThat(body.path("type").asString()).isEqualTo("https://backprop.dev/problems/" + slug);
    }
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(response.body()).contains(limit);
  }
}
