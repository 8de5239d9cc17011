package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What ops teams and developers reach first: health groups, metrics, info and the API docs. */
@IntegrationTest
class OperationsEndpointsTest {

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @Test
  void healthAndItsProbeGroupsAreUp() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      var response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void prometheusServesJvmMetrics() {
    var response = http.get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"backprop\"");
  }

  @Test
  void infoCarriesBuildDetails() {
    var response = http.get("/actuator/info");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"build\"").contains("\"artifact\":\"backprop\"");
  }

  @Test
  void onlyHealthInfoAndPrometheusAreExposed() {
    assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
  }

  @Test
  void apiDocsAndSwaggerUiAreServed() {
    var docs = http.get("/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("\"title\":\"Backprop API\"").contains("Apache License 2.0");
    var ui = http.get("/swagger-ui/index.html");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(http.get("/swagger-ui.html").statusCode()).isIn(200, 302);
  }

  @Test
  void unknownPathIsAProblemDetail() {
    var response = http.get("/api/v1/no-such-thing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"type\":\"https://backprop.dev/problems/not-found\"");
  }
}
