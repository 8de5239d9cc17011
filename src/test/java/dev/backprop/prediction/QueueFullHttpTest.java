package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.engine.Predictor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full batching queue over HTTP: 503 with {@code Retry-After}, a problem detail on /api/v1 and
 * {@code { "error" }} on /v2. The feedforward is held in place so the queue fills for certain.
 */
@IntegrationTest
@TestPropertySource(properties = "backprop.serving.max-queue-size=1")
class QueueFullHttpTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String V1_BODY = "{\"inputs\":[[5.1,3.5,1.4,0.2]]}";
  static final String V2_BODY =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
          + "\"data\":[5.1,3.5,1.4,0.2]}]}";

  @LocalServerPort int port;
  @Autowired DynamicBatcher batcher;
  @Autowired PredictionService predictions;

  @Test
  void aFullQueueAnswers503WithRetryAfterOnBothApis() throws Exception {
    HttpTestClient http = new HttpTestClient(port);
    TestModels.importIris(http, "queue-iris");
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DynamicBatcher.Feedforward previous =
        batcher.feedforward(
            (model, n, input, output) -> {
              running.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Predictor.predictInto(model, n, input, output);
            });
    try {
      String v1 = "/api/v1/networks/queue-iris/predictions";
      String v2 = "/v2/models/queue-iris/infer";
      CompletableFuture<HttpResponse<String>> leader =
          CompletableFuture.supplyAsync(() -> http.send("POST", v1, "application/json", V1_BODY));
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<HttpResponse<String>> queued =
          CompletableFuture.supplyAsync(() -> http.send("POST", v2, "application/json", V2_BODY));
      var trained = predictions.resolve("queue-iris", "1");
      await().atMost(Duration.ofSeconds(30)).until(() -> batcher.queued(trained) == 1);

      var problem = http.send("POST", v1, "application/json", V1_BODY);
      assertThat(problem.statusCode()).as(problem.body()).isEqualTo(503);
      assertThat(problem.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(problem.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      JsonNode detail = JSON.readTree(problem.body());
      assertThat(detail.get("type").asString())
          .isEqualTo("https://backprop.dev/problems/service-unavailable");
      assertThat(detail.get("status").asInt()).isEqualTo(503);
      assertThat(detail.get("detail").asString()).contains("max-queue-size");

      var error = http.send("POST", v2, "application/json", V2_BODY);
      assertThat(error.statusCode()).as(error.body()).isEqualTo(503);
      assertThat(error.headers().firstValue("Retry-After")).hasValue("1");
      JsonNode body = JSON.readTree(error.body());
      assertThat(body.size()).isEqualTo(1);
      assertThat(body.get("error").asString()).contains("max-queue-size");

      release.countDown();
      assertThat(leader.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(queued.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
      batcher.feedforward(previous);
    }
  }
}
