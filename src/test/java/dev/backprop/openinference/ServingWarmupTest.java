package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropApplication;
import dev.backprop.HttpTestClient;
import dev.backprop.prediction.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warm-up at start: on a restart that finds trained versions, the latest version of each
 * network (up to {@code max-models}, by name) has answered {@code requests} infer requests, JSON
 * and binary, before readiness turns UP; the others none.
 */
class ServingWarmupTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  /** One life of the service on the database file, closed afterwards. */
  private void life(String[] args, SpringApplicationBuilder builder, Consumer<Integer> body) {
    String[] all =
        List.of(
                "--spring.datasource.url=jdbc:h2:file:"
                    + dir.resolve("backprop").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--backprop.training.enabled=false")
            .toArray(String[]::new);
    String[] joined = new String[all.length + args.length];
    System.arraycopy(all, 0, joined, 0, all.length);
    System.arraycopy(args, 0, joined, all.length, args.length);
    try (ConfigurableApplicationContext context = builder.profiles("test").run(joined)) {
      body.accept(
          Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
  }

  @Test
  void latestVersionsAnswerTheirWarmupRequestsBeforeReadiness() {
    life(
        new String[] {"--backprop.serving.warmup.enabled=false"},
        new SpringApplicationBuilder(BackpropApplication.class),
        port -> {
          HttpTestClient http = new HttpTestClient(port);
          TestModels.importIris(http, "warm-a");
          TestModels.importIris(http, "warm-b");
          TestModels.importModel(http, "warm-c", 6, new int[] {5, 2}, "tanh", 3, null);
        });

    // At the moment readiness turns UP, the statistics say what the warm-up has run.
    Map<String, JsonNode> atReady = new ConcurrentHashMap<>();
    var listener = statsAtReady(atReady, null, "warm-a", "warm-b", "warm-c");
    life(
        new String[] {
          "--backprop.serving.warmup.requests=40",
          "--backprop.serving.warmup.max-models=2",
          "--backprop.serving.warmup.http-requests=0"
        },
        new SpringApplicationBuilder(BackpropApplication.class).listeners(listener),
        port -> {});

    assertThat(atReady).containsOnlyKeys("warm-a", "warm-b", "warm-c");
    for (String warmed : List.of("warm-a", "warm-b")) {
      JsonNode stats = atReady.get(warmed);
      assertThat(stats.get("inference_count").asLong()).as(warmed).isEqualTo(40);
      assertThat(stats.get("inference_stats").get("success").get("count").asLong()).isEqualTo(40);
      assertThat(stats.get("inference_stats").get("fail").get("count").asLong()).isZero();
    }
    assertThat(atReady.get("warm-c").get("inference_count").asLong()).isZero();
  }

  /**
   * The second phase goes through the web stack: with keys configured its requests carry a key and
   * are answered (a refusal would count as a failure or not at all), round-robin over the warmed
   * networks.
   */
  @Test
  void theHttpPhaseCallsTheServiceOverLoopbackWithAKey() {
    life(
        new String[] {"--backprop.serving.warmup.enabled=false"},
        new SpringApplicationBuilder(BackpropApplication.class),
        port -> {
          HttpTestClient http = new HttpTestClient(port);
          TestModels.importIris(http, "http-a");
          TestModels.importIris(http, "http-b");
        });

    Map<String, JsonNode> atReady = new ConcurrentHashMap<>();
    var listener = statsAtReady(atReady, "predict-secret", "http-a", "http-b");
    life(
        new String[] {
          "--backprop.serving.warmup.requests=10",
          "--backprop.serving.warmup.http-requests=31",
          "--backprop.serving.warmup.timeout=60s",
          "--backprop.security.admin-keys=admin-secret",
          "--backprop.security.predict-keys=predict-secret"
        },
        new SpringApplicationBuilder(BackpropApplication.class).listeners(listener),
        port -> {});

    // 10 in-process each, then 31 over HTTP alternating between the two: 16 and 15.
    assertThat(atReady.get("http-a").get("inference_count").asLong()).isEqualTo(10 + 16);
    assertThat(atReady.get("http-b").get("inference_count").asLong()).isEqualTo(10 + 15);
    for (JsonNode stats : atReady.values()) {
      assertThat(stats.get("inference_stats").get("fail").get("count").asLong()).isZero();
    }
  }

  /**
   * The last phase goes on sending over HTTP after the second phase's requests, until the JIT is
   * quiet or its own timeout has passed (outside the first two phases' timeout).
   */
  @Test
  void theLastPhaseSendsMoreUntilTheJitIsQuiet() {
    life(
        new String[] {"--backprop.serving.warmup.enabled=false"},
        new SpringApplicationBuilder(BackpropApplication.class),
        port -> TestModels.importIris(new HttpTestClient(port), "quiet"));

    Map<String, JsonNode> atReady = new ConcurrentHashMap<>();
    var listener = statsAtReady(atReady, null, "quiet");
    life(
        new String[] {
          "--backprop.serving.warmup.requests=10",
          "--backprop.serving.warmup.http-requests=5",
          "--backprop.serving.warmup.timeout=60s",
          "--backprop.serving.warmup.jit-quiet-timeout=2s",
          "--backprop.serving.warmup.jit-quiet-window=50ms"
        },
        new SpringApplicationBuilder(BackpropApplication.class).listeners(listener),
        port -> {});

    JsonNode stats = atReady.get("quiet");
    assertThat(stats.get("inference_count").asLong()).isGreaterThan(10 + 5);
    assertThat(stats.get("inference_stats").get("fail").get("count").asLong()).isZero();
  }

  @Test
  void aZeroTimeoutWarmsNothing() {
    life(
        new String[] {"--backprop.serving.warmup.enabled=false"},
        new SpringApplicationBuilder(BackpropApplication.class),
        port -> TestModels.importIris(new HttpTestClient(port), "cold"));
    life(
        new String[] {"--backprop.serving.warmup.timeout=0s"},
        new SpringApplicationBuilder(BackpropApplication.class),
        port ->
            assertThat(stats(new HttpTestClient(port), "cold").get("inference_count").asLong())
                .isZero());
  }

  /**
   * A listener that reads the named models' statistics, with {@code key} as {@code X-API-Key} when
   * not null, into {@code into} at the moment readiness turns UP.
   */
  private static ApplicationListener<AvailabilityChangeEvent<?>> statsAtReady(
      Map<String, JsonNode> into, String key, String... names) {
    return event -> {
      if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
        var context = (ConfigurableApplicationContext) event.getSource();
        HttpTestClient http =
            new HttpTestClient(
                Integer.parseInt(
                    context.getEnvironment().getRequiredProperty("local.server.port")));
        for (String name : names) {
          into.put(name, stats(http, name, key));
        }
      }
    };
  }

  private static JsonNode stats(HttpTestClient http, String name) {
    return stats(http, name, null);
  }

  private static JsonNode stats(HttpTestClient http, String name, String key) {
    var request = http.request("/v2/models/" + name + "/stats").GET();
    if (key != null) {
      request.header("X-API-Key", key);
    }
    var response = http.send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("model_stats").get(0);
  }
}
