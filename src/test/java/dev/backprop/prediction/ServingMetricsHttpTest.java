package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** After traffic on both APIs, the serving meters are in /actuator/prometheus. */
@IntegrationTest
class ServingMetricsHttpTest {

  @LocalServerPort int port;

  @Test
  void servingMetricsArePublishedAfterTraffic() {
    HttpTestClient http = new HttpTestClient(port);
    TestModels.importIris(http, "metrics-iris");
    for (int i = 0; i < 3; i++) {
      var v1 =
          http.send(
              "POST",
              "/api/v1/networks/metrics-iris/predictions",
              "application/json",
              "{\"inputs\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}");
      assertThat(v1.statusCode()).as(v1.body()).isEqualTo(200);
      var v2 =
          http.send(
              "POST",
              "/v2/models/metrics-iris/infer",
              "application/json",
              "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                  + "\"data\":[5.1,3.5,1.4,0.2]}]}");
      assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    }
    var bad =
        http.send(
            "POST",
            "/v2/models/metrics-iris/infer",
            "application/json",
            "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"FP32\","
                + "\"data\":[5.1,3.5,1.4]}]}");
    assertThat(bad.statusCode()).isEqualTo(400);

    String metrics = http.get("/actuator/prometheus").body();
    assertThat(lineOf(metrics, "backprop_inference_requests_total{", "outcome=\"success\""))
        .contains("version=\"1\"")
        .endsWith(" 6.0");
    assertThat(lineOf(metrics, "backprop_inference_requests_total{", "outcome=\"failure\""))
        .endsWith(" 1.0");
    assertThat(lineOf(metrics, "backprop_inference_rows_total{", "")).endsWith(" 9.0");
    for (String histogram :
        new String[] {
          "backprop_inference_request_duration_seconds_bucket{",
          "backprop_inference_queue_duration_seconds_bucket{",
          "backprop_inference_compute_duration_seconds_bucket{",
          "backprop_inference_batch_size_rows_bucket{"
        }) {
      assertThat(lineOf(metrics, histogram, "le=\"+Inf\"")).as(histogram).isNotNull();
    }
    assertThat(lineOf(metrics, "backprop_inference_batch_size_rows_bucket{", "le=\"2.0\""))
        .isNotNull();
    assertThat(
            value(lineOf(metrics, "backprop_inference_request_duration_seconds_count{", "failure")))
        .isEqualTo(1);
    // per request: turning inputs into rows (not the refused one), the feedforward, the answer
    for (String step : new String[] {"input", "infer", "output"}) {
      String count = "backprop_inference_compute_" + step + "_duration_seconds_count{";
      assertThat(value(lineOf(metrics, count, ""))).as(step).isEqualTo(6);
    }
    // each request is timed once, not once per security filter (management.observations.enable)
    assertThat(metrics).contains("http_server_requests_seconds_count{");
    assertThat(metrics).doesNotContain("spring_security_filterchains");
  }

  @Test
  void aDeletedNetworksMetersGoSoItsNameStartsAgainFromZero() {
    HttpTestClient http = new HttpTestClient(port);
    TestModels.importIris(http, "deleted-iris");
    String body = "{\"inputs\":[[5.1,3.5,1.4,0.2]]}";
    String path = "/api/v1/networks/deleted-iris/predictions";
    assertThat(http.send("POST", path, "application/json", body).statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus").body()).contains("model=\"deleted-iris\"");

    assertThat(http.send("DELETE", "/api/v1/networks/deleted-iris", null, "").statusCode())
        .isEqualTo(204);
    assertThat(http.get("/actuator/prometheus").body()).doesNotContain("model=\"deleted-iris\"");

    TestModels.importIris(http, "deleted-iris");
    var stats = http.get("/v2/models/deleted-iris/stats");
    assertThat(stats.body()).contains("\"inference_count\":0");
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** The first sample line of the metric for model metrics-iris that also contains {@code part}. */
  private static String lineOf(String metrics, String metric, String part) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(metric))
        .filter(l -> l.contains("model=\"metrics-iris\""))
        .filter(l -> l.contains(part))
        .findFirst()
        .orElseThrow(() -> new AssertionError(metric + " " + part + " missing in\n" + metrics));
  }
}
