package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A job's {@code threads}: at most the replica's {@code threads-per-job}, and the count the engine
 * splits its batches across, so that it decides the job's bits.
 */
@IntegrationTest
class JobThreadsTest {

  @LocalServerPort int port;
  @Autowired TrainingProperties training;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  /**
   * 128-256-2 in one batch of 128 rows: enough multiply-adds and rows a slice for the engine to
   * split it in two on any kernel (see ThreadChoice).
   */
  static final String NETWORK =
      """
      { "name": "%s", "inputs": 128,
        "layers": [ { "units": 256, "activation": "relu" }, { "units": 2, "activation": "softmax" } ],
        "loss": "cross_entropy", "seed": 3 }
      """;

  static String job(String threads) {
    StringJoiner features = new StringJoiner(",", "[", "]");
    StringJoiner targets = new StringJoiner(",", "[", "]");
    for (int i = 0; i < 128; i++) {
      StringJoiner row = new StringJoiner(",", "[", "]");
      for (int j = 0; j < 128; j++) {
        row.add(String.valueOf(((i * 31 + j * 17) % 97) / 97.0));
      }
      features.add(row.toString());
      targets.add(String.valueOf(i % 2));
    }
    return """
        { "data": { "features": %s, "targets": %s },
          "epochs": 2, "batchSize": 128, "learningRate": 0.1, "optimizer": "sgd",
          "shuffle": false, "standardize": false, "seed": 9%s }
        """
        .formatted(features, targets, threads == null ? "" : ", \"threads\": " + threads);
  }

  @Test
  void moreThreadsThanTheReplicaAllowsIsA400NamingTheSetting() {
    api.createNetwork(NETWORK.formatted("threads-limit"));
    String jobs = "/api/v1/networks/threads-limit/training-jobs";
    int over = training.threadsPerJob() + 1;
    JsonNode problem = api.post(jobs, job(String.valueOf(over))).invalid(400, "threads");
    assertThat(problem.path("detail").asString())
        .contains("backprop.training.threads-per-job")
        .contains("got " + over);
    api.post(jobs, job("0")).invalid(400, "threads");
    api.post(jobs, job("\"two\"")).invalid(400, "threads");
  }

  @Test
  void theJobsThreadsDecideItsBitsAndOmittedMeansTheReplicas() {
    int allowed = training.threadsPerJob();
    assumeTrue(allowed >= 2, "this replica may split a job (it has 2 cores or more)");
    api.createNetwork(NETWORK.formatted("threads-bits"));
    JsonNode one = trained("1");
    JsonNode two = trained("2");
    JsonNode replicas = trained(null);

    assertThat(replicas)
        .as("omitted: the replica's threads-per-job")
        .isEqualTo(allowed == 2 ? two : trained(String.valueOf(allowed)));
    assertThat(weights(one))
        .as("one thread sums the batch in another order")
        .isNotEqualTo(weights(two));
    List<Float> a = weights(one);
    List<Float> b = weights(two);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("weight %d", i).isCloseTo(b.get(i), within(1e-5f));
    }
  }

  /** Trains with {@code threads} (null: none given) and answers the exported layers. */
  JsonNode trained(String threads) {
    JsonNode job = api.succeed(api.submit("threads-bits", job(threads)));
    JsonNode kept = job.path("settings").path("threads");
    if (threads == null) {
      assertThat(kept.isNull() || kept.isMissingNode()).as(kept.toString()).isTrue();
    } else {
      assertThat(kept.asInt()).isEqualTo(Integer.parseInt(threads));
    }
    int version = job.path("resultVersion").asInt();
    return api.get("/api/v1/networks/threads-bits/versions/" + version + "/export")
        .ok(200)
        .path("layers");
  }

  static List<Float> weights(JsonNode layers) {
    List<Float> all = new ArrayList<>();
    for (JsonNode layer : layers) {
      layer.path("weights").forEach(row -> row.forEach(w -> all.add(w.floatValue())));
      layer.path("biases").forEach(b -> all.add(b.floatValue()));
    }
    return all;
  }
}
