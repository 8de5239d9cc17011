package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Large JSON answers are gzipped for clients that accept it; small ones and others are not. */
@IntegrationTest
class CompressionTest {

  @LocalServerPort int port;

  HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aLargeJsonAnswerIsGzippedWhenAccepted() throws Exception {
    // The OpenAPI document: JSON, tens of kilobytes.
    HttpResponse<byte[]> plain = get("/v3/api-docs", false);
    HttpResponse<byte[]> zipped = get("/v3/api-docs", true);
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body().length).isGreaterThan(1024);

    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().allValues("Vary"))
        .anyMatch(v -> v.equalsIgnoreCase("Accept-Encoding"));
    byte[] unzipped = gunzip(zipped.body());
    assertThat(zipped.body().length).isLessThan(unzipped.length / 3);
    JsonNode document = JsonMapper.builder().build().readTree(unzipped);
    assertThat(document.path("openapi").asString()).startsWith("3.");
    assertThat(new String(unzipped, StandardCharsets.UTF_8))
        .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aProblemDetailIsGzippedWhenLargeEnough() throws Exception {
    String longName = "n".repeat(3000);
    HttpResponse<byte[]> zipped = get("/api/v1/networks/" + longName, true);
    assertThat(zipped.statusCode()).isEqualTo(404);
    assertThat(zipped.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(new String(gunzip(zipped.body()), StandardCharsets.UTF_8)).contains(longName);
  }

  @Test
  void aSmallAnswerIsNotCompressed() throws Exception {
    HttpResponse<byte[]> health = get("/actuator/health/liveness", true);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new HttpTestClient(port).get("/actuator/health/liveness").body()).contains("UP");
  }

  static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
