package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/training-jobs/{id}/curves.svg} over real HTTP on the whole service. */
@IntegrationTest
class CurvesSvgApiTest {

  static final String NETWORK =
      """
      { "name": "%s", "inputs": 2,
        "layers": [ { "units": 4, "activation": "tanh" }, { "units": 2, "activation": "softmax" } ],
        "loss": "cross_entropy", "seed": 3, "labels": ["off", "on"] }
      """;
  static final String DATA =
      "\"data\": { \"features\": [[0,0],[0,1],[1,0],[1,1],[0,0],[0,1],[1,0],[1,1]],"
          + " \"targets\": [\"off\",\"on\",\"on\",\"off\",\"off\",\"on\",\"on\",\"off\"] }";

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  @Test
  void aFinishedClassifierJobHasFourCurvesWithOnePointPerEpoch() {
    api.createNetwork(NETWORK.formatted("curves-xor"));
    String location =
        api.submit(
            "curves-xor",
            "{ " + DATA + ", \"epochs\": 25, \"validationSplit\": 0.25, \"seed\": 1 }");
    JsonNode job = api.succeed(location);
    Api.Answer answer = api.get(location + "/curves.svg");

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("image/svg+xml");
    ParsedSvg svg = ParsedSvg.parse(answer.raw());
    assertThat(svg.curves().keySet())
        .containsExactly("loss", "validation loss", "accuracy", "validation accuracy");
    svg.curves().values().forEach(d -> assertThat(ParsedSvg.points(d)).hasSize(25));
    assertThat(svg.title()).startsWith("curves-xor: training job ");
    assertThat(svg.texts()).contains("SUCCEEDED · epoch 25 of 25", "epoch", "loss", "accuracy");
    assertThat(job.path("history").size()).isEqualTo(25);
  }

  @Test
  void aRunningJobShowsTheEpochsDoneSoFar() {
    api.createNetwork(NETWORK.formatted("curves-running"));
    String location = api.submit("curves-running", "{ " + DATA + ", \"epochs\": 100000 }");
    JsonNode running = api.awaitStatus(location, "RUNNING");
    try {
      Api.Answer answer = api.get(location + "/curves.svg");
      assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
      ParsedSvg svg = ParsedSvg.parse(answer.raw());
      int drawn =
          svg.curves().get("loss").isEmpty()
              ? 0
              : ParsedSvg.points(svg.curves().get("loss")).size();
      int doneAfter = api.get(location).json().path("epoch").asInt();
      assertThat(drawn).isBetween(running.path("epoch").asInt(), doneAfter);
      // The axis spans every epoch asked for.
      assertThat(svg.texts()).contains("100000");
    } finally {
      api.post(location + "/cancel");
    }
  }

  @Test
  void anUnknownJobIsA404ProblemDetail() {
    api.get("/api/v1/training-jobs/" + UUID.randomUUID() + "/curves.svg").problem(404);
  }
}
