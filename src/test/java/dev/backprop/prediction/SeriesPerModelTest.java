package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Prometheus series a served model adds, counted in a real scrape with one and then two models:
 * each adds exactly {@link ModelMeters#SERIES_PER_MODEL}, the number docs/operations.md states, and
 * the first model's series do not change when the second arrives.
 */
@IntegrationTest
class SeriesPerModelTest {

  @LocalServerPort int port;

  @Test
  void eachModelAddsTheDocumentedNumberOfSeries() {
    HttpTestClient http = new HttpTestClient(port);
    predict(http, "series-one");
    String one = http.get("/actuator/prometheus").body();
    long first = series(one, "series-one");
    assertThat(first).isEqualTo(ModelMeters.SERIES_PER_MODEL);

    predict(http, "series-two");
    String two = http.get("/actuator/prometheus").body();
    assertThat(series(two, "series-two")).isEqualTo(ModelMeters.SERIES_PER_MODEL);
    assertThat(series(two, "series-one")).isEqualTo(first);
    assertThat(series(two, "series-")).isEqualTo(2L * ModelMeters.SERIES_PER_MODEL);
  }

  /** A model imported and asked once on each API, and once with a wrong shape (a failure). */
  static void predict(HttpTestClient http, String model) {
    TestModels.importIris(http, model);
    var v1 =
        http.send(
            "POST",
            "/api/v1/networks/" + model + "/predictions",
            "application/json",
            "{\"inputs\":[[5.1,3.5,1.4,0.2]]}");
    assertThat(v1.statusCode()).as(v1.body()).isEqualTo(200);
    var bad =
        http.send(
            "POST",
            "/v2/models/" + model + "/infer",
            "application/json",
            "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"FP32\","
                + "\"data\":[5.1,3.5,1.4]}]}");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  /** Sample lines (not # HELP or # TYPE) of the models whose name starts with {@code prefix}. */
  static long series(String scrape, String prefix) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> !line.startsWith("#"))
        .filter(line -> line.contains("model=\"" + prefix))
        .count();
  }
}
