package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before Spring MVC sees them (by Tomcat or Spring Security's firewall) still get
 * a problem detail, or {@code { "error" }} on /v2: never HTML or Spring Boot's default error JSON.
 */
@IntegrationTest
class RefusedRequestsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  HttpResponse<String> send(String method, String path) {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void pathsTheFirewallOrTomcatRefuseAreProblemDetails() {
    for (String path :
        new String[] {
          "/api/v1/networks/%2e%2e",
          "/api/v1/networks/a%3Bb",
          "/api/v1/networks/a//b",
          "/api/v1/networks/%2500",
          "/api/v1/networks/a%2Fb",
          "/api/v1/networks/%00"
        }) {
      var response = send("GET", path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertProblem(path, response);
    }
  }

  /** Tomcat refuses an encoded slash before the application sees it: its valve answers. */
  @Test
  void tomcatsOwnRefusalIsAProblemDetailEchoingNothing() {
    var response = send("GET", "/api/v1/networks/a%2Fb");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"https://backprop.dev/problems/malformed-request\","
                    + "\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The server refused the request: Bad Request.\"}"));
    var v2 = send("GET", "/v2/models/a%2Fb");
    assertThat(v2.body()).isEqualTo("{\"error\":\"The server refused the request: Bad Request.\"}");
  }

  /**
   * The firewall (an encoded {@code ..}) and Tomcat (an encoded {@code /}) answer before Spring
   * Security's header filter runs; their answers carry its headers all the same, once each.
   */
  @Test
  void refusalsCarryTheSecurityHeadersOfEveryOtherAnswer() {
    for (String path :
        new String[] {
          "/api/v1/networks/%2e%2e",
          "/api/v1/networks/a%2Fb",
          "/v2/models/%2e%2e/infer",
          "/v2/models/a%2Fb",
          "/api/v1/networks"
        }) {
      var headers = send("GET", path).headers();
      assertThat(headers.allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
      assertThat(headers.allValues("X-Frame-Options")).as(path).containsExactly("DENY");
      assertThat(headers.allValues("X-XSS-Protection")).as(path).containsExactly("0");
      assertThat(headers.allValues("Cache-Control"))
          .as(path)
          .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
      assertThat(headers.allValues("Pragma")).as(path).containsExactly("no-cache");
      assertThat(headers.allValues("Expires")).as(path).containsExactly("0");
      assertThat(headers.firstValue("Strict-Transport-Security")).as(path).isEmpty(); // plain HTTP
    }
  }

  @Test
  void aTraceIsAProblemDetail() {
    var response = send("TRACE", "/api/v1/networks");
    assertThat(response.statusCode()).isEqualTo(405);
    assertProblem("TRACE", response);
  }

  @Test
  void onV2TheyAreTheProtocolsErrorBody() {
    for (String path : new String[] {"/v2/models/%2e%2e/infer", "/v2/models/a%2Fb"}) {
      var response = send("GET", path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      assertThat(JSON.readTree(response.body()).path("error").isString()).isTrue();
    }
  }

  private static void assertProblem(String what, HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(what)
        .startsWith("application/problem+json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("type").asString()).as(what).startsWith("https://backprop.dev/problems/");
    assertThat(body.path("title").isString()).isTrue();
    assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
  }
}
