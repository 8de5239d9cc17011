package dev.backprop.security;

import static dev.backprop.security.SecuredIntegrationTest.ADMIN_KEY;
import static dev.backprop.security.SecuredIntegrationTest.PREDICT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An ONNX import is held to {@code backprop.limits.max-request-size} (64KB in this context) like
 * any other body, declared or streamed, and needs an admin key like the JSON import.
 */
@SecuredIntegrationTest
class OnnxImportLimitsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> importOnnx(String key, HttpRequest.BodyPublisher body) {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/networks/import?name=big-onnx"))
            .header("X-API-Key", key)
            .header("Content-Type", "application/octet-stream")
            .POST(body));
  }

  /** A PyTorch-made model padded past 64KB (never parsed: the size limit answers first). */
  static byte[] bigModel() throws IOException {
    byte[] model;
    try (InputStream in = OnnxImportLimitsTest.class.getResourceAsStream("/onnx/iris_gemm.onnx")) {
      model = in.readAllBytes();
    }
    byte[] padded = new byte[model.length + 100_000];
    System.arraycopy(model, 0, padded, 0, model.length);
    return padded;
  }

  @Test
  void aDeclaredOrStreamedModelOverMaxRequestSizeIs413AndStoresNothing() throws IOException {
    byte[] body = bigModel();
    assertTooLarge(importOnnx(ADMIN_KEY, HttpRequest.BodyPublishers.ofByteArray(body)));
    assertTooLarge(
        importOnnx(
            ADMIN_KEY,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    var network =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/networks/big-onnx"))
                .header("X-API-Key", ADMIN_KEY));
    assertThat(network.statusCode()).isEqualTo(404);
  }

  @Test
  void importingTakesAnAdminKey() throws IOException {
    byte[] model;
    try (InputStream in = getClass().getResourceAsStream("/onnx/iris_gemm.onnx")) {
      model = in.readAllBytes();
    }
    assertThat(importOnnx(PREDICT_KEY, HttpRequest.BodyPublishers.ofByteArray(model)).statusCode())
        .isEqualTo(403);
  }

  private static void assertTooLarge(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("type").asString())
        .isEqualTo("https://backprop.dev/problems/payload-too-large");
    assertThat(body.path("detail").asString()).contains("backprop.limits.max-request-size");
  }
}
