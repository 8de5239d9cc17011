package dev.backprop.security;

import static dev.backprop.security.SecuredIntegrationTest.ORIGIN;
import static dev.backprop.security.SecuredIntegrationTest.PREDICT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Browser clients: preflights are answered per backprop.security.cors.*, without a key. */
@SecuredIntegrationTest
class CorsTest {

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> preflight(String path, String origin, String method, String headers) {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers));
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredWithoutAKey() {
    var response =
        preflight("/api/v1/networks/iris/predictions", ORIGIN, "POST", "x-api-key,content-type");
    assertThat(response.statusCode()).isEqualTo(200);
    var headers = response.headers();
    assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(headers.firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("GET")
        .contains("POST")
        .contains("DELETE");
    assertThat(headers.firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-api-key")
        .contains("content-type");
    assertThat(headers.firstValue("Access-Control-Max-Age")).hasValue("3600");
    assertThat(headers.firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(
            preflight("/v2/models/iris/infer", ORIGIN, "POST", "authorization")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .hasValue(ORIGIN);
  }

  @Test
  void aPreflightFromAnotherOriginOrForAnotherMethodIsRefused() {
    var response = preflight("/api/v1/networks", "https://evil.example", "POST", "x-api-key");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    response = preflight("/api/v1/networks", ORIGIN, "PUT", "x-api-key");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void anActualCrossOriginRequestGetsTheCorsHeadersAndStillNeedsAKey() {
    var withKey =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/networks"))
                .header("Origin", ORIGIN)
                .header("X-API-Key", PREDICT_KEY));
    assertThat(withKey.statusCode()).isEqualTo(200);
    assertThat(withKey.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(withKey.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("Location");
    var withoutKey =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/networks"))
                .header("Origin", ORIGIN));
    assertThat(withoutKey.statusCode()).isEqualTo(401);
  }
}
