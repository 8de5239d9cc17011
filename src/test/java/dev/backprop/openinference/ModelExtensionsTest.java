package dev.backprop.openinference;

import static dev.backprop.openinference.TritonWire.fp32;
import static dev.backprop.openinference.TritonWire.infer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.prediction.DynamicBatcher;
import dev.backprop.prediction.HeldBatcher;
import dev.backprop.prediction.PredictionService;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Triton's model configuration and statistics extensions, as {@code tritonclient}'s {@code
 * get_model_config} and {@code get_inference_statistics} call them ({@code GET
 * v2/models/{name}[/versions/{v}]/config}, {@code GET v2/models[/{name}[/versions/{v}]]/stats}),
 * and {@code GET /v2} naming the extensions served.
 */
@IntegrationTest
class ModelExtensionsTest {

  static final String V2_ROW =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
          + "\"data\":[5.1,3.5,1.4,0.2]}]}";
  static final String BINARY_ROWS =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
          + "\"parameters\":{\"binary_data_size\":48}}],"
          + "\"parameters\":{\"binary_data_output\":true}}";

  @LocalServerPort int port;
  @Autowired DynamicBatcher batcher;
  @Autowired PredictionService predictions;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @Test
  void serverMetadataNamesTheExtensionsServed() {
    JsonNode extensions = json(http.get("/v2"), 200).get("extensions");
    List<String> names = new ArrayList<>();
    extensions.forEach(e -> names.add(e.asString()));
    assertThat(names).contains("binary_tensor_data", "statistics", "model_configuration");
  }

  @Test
  void modelConfigurationIsTritonsWithoutTheBatchDimension() {
    TestModels.importIris(http, "config-iris");
    for (String path :
        new String[] {
          "/v2/models/config-iris/config", "/v2/models/config-iris/versions/1/config"
        }) {
      JsonNode config = json(http.get(path), 200);
      assertThat(config.get("name").asString()).isEqualTo("config-iris");
      assertThat(config.get("platform").asString()).isEqualTo("backprop");
      assertThat(config.get("max_batch_size").asInt()).isEqualTo(64);
      assertThat(config.get("version_policy").get("all").isObject()).isTrue();
      JsonNode input = config.get("input").get(0);
      assertThat(input.get("name").asString()).isEqualTo("input");
      assertThat(input.get("data_type").asString()).isEqualTo("TYPE_FP32");
      assertThat(input.get("dims").toString()).isEqualTo("[4]");
      JsonNode output = config.get("output").get(0);
      assertThat(output.get("name").asString()).isEqualTo("output");
      assertThat(output.get("data_type").asString()).isEqualTo("TYPE_FP32");
      assertThat(output.get("dims").toString()).isEqualTo("[3]");
      JsonNode batching = config.get("dynamic_batching");
      assertThat(batching.get("max_queue_delay_microseconds").asLong()).isEqualTo(0);
      assertThat(batching.get("default_queue_policy").get("max_queue_size").asInt())
          .isEqualTo(1024);
    }
    error(http.get("/v2/models/no-such-model/config"), 404);
    error(http.get("/v2/models/config-iris/versions/9/config"), 404);
  }

  @Test
  void statisticsCountEveryRequestOverBothApis() {
    TestModels.importIris(http, "stats-iris");
    JsonNode before = stats("/v2/models/stats-iris/stats");
    assertThat(before.get("version").asString()).isEqualTo("1");
    assertThat(before.get("inference_count").asLong()).isZero();
    assertThat(before.get("last_inference").asLong()).isZero();

    assertThat(post("/v2/models/stats-iris/infer", V2_ROW).statusCode()).isEqualTo(200);
    var binary =
        http.sendForBytes(infer(http, "/v2/models/stats-iris/infer", BINARY_ROWS, fp32(ROWS)));
    assertThat(binary.statusCode()).isEqualTo(200);
    var v1 = post("/api/v1/networks/stats-iris/predictions", "{\"inputs\":[[5.1,3.5,1.4,0.2]]}");
    assertThat(v1.statusCode()).as(v1.body()).isEqualTo(200);
    assertThat(post("/v2/models/stats-iris/infer", V2_ROW.replace("[1,4]", "[1,3]")).statusCode())
        .isEqualTo(400);

    JsonNode after = stats("/v2/models/stats-iris/versions/1/stats");
    assertThat(after.get("name").asString()).isEqualTo("stats-iris");
    assertThat(after.get("inference_count").asLong()).isEqualTo(5); // 1 + 3 + 1 rows
    assertThat(after.get("execution_count").asLong()).isEqualTo(3);
    assertThat(after.get("last_inference").asLong())
        .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
    JsonNode inference = after.get("inference_stats");
    assertCount(inference, "success", 3);
    assertCount(inference, "fail", 1);
    for (String step : new String[] {"queue", "compute_input", "compute_infer", "compute_output"}) {
      assertCount(inference, step, 3);
    }
    assertThat(stats("/v2/models/stats-iris/stats")).isEqualTo(after);
    JsonNode all = json(http.get("/v2/models/stats"), 200).get("model_stats");
    List<JsonNode> mine = new ArrayList<>();
    all.forEach(
        s -> {
          if (s.get("name").asString().equals("stats-iris")) {
            mine.add(s);
          }
        });
    assertThat(mine).containsExactly(after);

    error(http.get("/v2/models/no-such-model/stats"), 404);
    error(http.get("/v2/models/stats-iris/versions/2/stats"), 404);
  }

  @Test
  void concurrentRequestsRunAsOneBatchSoExecutionsAreFewerThanRows() throws Exception {
    TestModels.importIris(http, "batched-iris");
    String path = "/v2/models/batched-iris/infer";
    var trained = predictions.resolve("batched-iris", "1");
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try (HeldBatcher held = HeldBatcher.hold(batcher)) {
      answers.add(CompletableFuture.supplyAsync(() -> post(path, V2_ROW).statusCode()));
      held.awaitRunning();
      for (int i = 0; i < 3; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> http.sendForBytes(infer(http, path, BINARY_ROWS, fp32(ROWS))).statusCode()));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> held.queued(trained) == 3);
      held.release();
      for (CompletableFuture<Integer> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    }
    JsonNode stats = stats("/v2/models/batched-iris/stats");
    // the first request alone, then the three queued behind it as one batch
    assertThat(stats.get("inference_count").asLong()).isEqualTo(1 + 3 * 3);
    assertThat(stats.get("execution_count").asLong()).isEqualTo(2);
    assertCount(stats.get("inference_stats"), "success", 4);
    assertCount(stats.get("inference_stats"), "queue", 4);
    assertCount(stats.get("inference_stats"), "compute_infer", 4);
  }

  static final float[] ROWS = {
    5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f, 5.9f, 3.0f, 4.2f, 1.5f
  };

  private static void assertCount(JsonNode inference, String step, long count) {
    JsonNode stat = inference.get(step);
    assertThat(stat.get("count").asLong()).as(step).isEqualTo(count);
    assertThat(stat.get("ns").asLong()).as(step).isGreaterThanOrEqualTo(0);
    if (count > 0 && (step.equals("success") || step.equals("compute_infer"))) {
      assertThat(stat.get("ns").asLong()).as(step).isPositive();
    }
  }

  /** The one entry of a model with one version. */
  private JsonNode stats(String path) {
    JsonNode stats = json(http.get(path), 200).get("model_stats");
    assertThat(stats.size()).isEqualTo(1);
    return stats.get(0);
  }

  private HttpResponse<String> post(String path, String body) {
    return http.send("POST", path, "application/json", body);
  }

  private static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return TritonWire.JSON.readTree(response.body());
  }

  private static void error(HttpResponse<String> response, int status) {
    JsonNode body = json(response, status);
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("error").asString()).isNotBlank();
  }
}
