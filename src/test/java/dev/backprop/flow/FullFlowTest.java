package dev.backprop.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's walkthrough, end to end over HTTP: upload iris, define, train, predict. */
@IntegrationTest
class FullFlowTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @Test
  void irisIsLearnedAndServed() throws IOException {
    String csv = Files.readString(Path.of("examples", "iris.csv"));
    var upload =
        http.send("POST", "/api/v1/datasets?name=iris-flow&target=species", "text/csv", csv);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

    var network =
        http.send(
            "POST",
            "/api/v1/networks",
            "application/json",
            """
            { "name": "iris-flow",
              "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
              "layers": [ { "units": 8, "activation": "relu" },
                          { "units": 3, "activation": "softmax" } ],
              "loss": "cross_entropy", "seed": 42,
              "labels": ["setosa", "versicolor", "virginica"] }
            """);
    assertThat(network.statusCode()).as(network.body()).isEqualTo(201);
    assertThat(network.headers().firstValue("Location")).hasValue("/api/v1/networks/iris-flow");

    var submitted =
        http.send(
            "POST",
            "/api/v1/networks/iris-flow/training-jobs",
            "application/json",
            """
            { "dataset": "iris-flow", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
              "optimizer": "adam", "validationSplit": 0.2, "seed": 7 }
            """);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    String location = submitted.headers().firstValue("Location").orElseThrow();

    JsonNode job =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> JSON.readTree(http.get(location).body()),
                j -> j.get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("history").size()).isEqualTo(200);
    assertThat(job.get("resultVersion").asInt()).isEqualTo(1);

    List<String> species = new ArrayList<>();
    StringBuilder inputs = new StringBuilder("{\"inputs\":[");
    List<String> lines = Files.readAllLines(Path.of("examples", "iris.csv"));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      if (cells.length < 5) {
        continue;
      }
      inputs.append(species.isEmpty() ? "" : ",").append('[');
      inputs.append(String.join(",", cells[0], cells[1], cells[2], cells[3])).append(']');
      species.add(cells[4]);
    }
    inputs.append("]}");
    var predicted =
        http.send(
            "POST",
            "/api/v1/networks/iris-flow/predictions",
            "application/json",
            inputs.toString());
    assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(predicted.body());
    assertThat(body.get("version").asInt()).isEqualTo(1);
    int correct = 0;
    for (int i = 0; i < species.size(); i++) {
      if (body.get("labels").get(i).asString().equals(species.get(i))) {
        correct++;
      }
    }
    double accuracy = (double) correct / species.size();
    assertThat(accuracy).isGreaterThanOrEqualTo(0.93);

    var events =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + location + "/events"))
                .GET());
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body()).contains("event:epoch").contains("event:status");
  }
}
