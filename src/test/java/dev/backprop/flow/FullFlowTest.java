package dev.backprop.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.Iris;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The README's walkthrough, end to end over HTTP: upload iris, define, train, predict. */
@IntegrationTest
class FullFlowTest {

  @LocalServerPort int port;

  @Test
  void irisIsLearnedAndServed() {
    HttpTestClient http = new HttpTestClient(port);
    Iris.upload(http, "iris-flow");
    Iris.defineNetwork(http, "iris-flow");
    String location =
        Iris.submit(
            http,
            "iris-flow",
            """
            { "dataset": "iris-flow", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
              "optimizer": "adam", "validationSplit": 0.2, "seed": 7 }
            """);

    JsonNode job = Iris.awaitFinished(http, location, Duration.ofMinutes(2));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("history").size()).isEqualTo(200);
    assertThat(job.get("resultVersion").asInt()).isEqualTo(1);

    Iris.Accuracy accuracy = Iris.predictAll(http, "iris-flow", "latest");
    assertThat(accuracy.version()).isEqualTo(1);
    assertThat(accuracy.value()).isGreaterThanOrEqualTo(0.93);

    var events =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + location + "/events"))
                .GET());
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body()).contains("event:epoch").contains("event:status");
    // Each event's data is the JSON of the epoch (or the finished job) on one line.
    assertThat(events.body())
        .contains("event:epoch\nid:200\ndata:{\"epoch\":200,\"loss\":")
        .containsPattern(
            "event:status\ndata:\\{\"id\":\"[0-9a-f-]{36}\",\"network\":\"iris-flow\"");
  }
}
