package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's iris walkthrough, step by step over HTTP, for the full-flow tests. */
public final class Iris {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final Path CSV = Path.of("examples", "iris.csv");

  private Iris() {}

  /** How well a version labels all of iris. */
  public record Accuracy(int version, double value) {}

  public static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  public static void upload(HttpTestClient http, String name) {
    String csv;
    try {
      csv = Files.readString(CSV);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var upload =
        http.send("POST", "/api/v1/datasets?name=" + name + "&target=species", "text/csv", csv);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
  }

  public static void defineNetwork(HttpTestClient http, String name) {
    var network =
        http.send(
            "POST",
            "/api/v1/networks",
            "application/json",
            """
            { "name": "%s",
              "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
              "layers": [ { "units": 8, "activation": "relu" },
                          { "units": 3, "activation": "softmax" } ],
              "loss": "cross_entropy", "seed": 42,
              "labels": ["setosa", "versicolor", "virginica"] }
            """
                .formatted(name));
    assertThat(network.statusCode()).as(network.body()).isEqualTo(201);
  }

  /** Submits a job; returns its location. */
  public static String submit(HttpTestClient http, String network, String body) {
    var submitted =
        http.send(
            "POST", "/api/v1/networks/" + network + "/training-jobs", "application/json", body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    return submitted.headers().firstValue("Location").orElseThrow();
  }

  /**
   * A job that runs for seconds: 5,000 epochs of one-row batches (600,000 steps). Epochs are stored
   * in groups now, so an epoch no longer costs a database round trip of its own.
   */
  public static String submitLong(HttpTestClient http, String network) {
    return submit(
        http,
        network,
        """
        { "dataset": "iris", "epochs": 5000, "batchSize": 1, "learningRate": 0.001, "seed": 5 }
        """);
  }

  /**
   * Asserts that a finished job's whole history (from {@code /history}, one page of up to 5000) is
   * one entry per epoch, 1 to {@code epochs}: nothing lost or repeated by a hand-over.
   */
  public static void assertWholeHistory(HttpTestClient http, String location, int epochs) {
    JsonNode page = json(http.get(location + "/history?size=5000").body());
    assertThat(page.path("total").asInt()).as("history total").isEqualTo(epochs);
    JsonNode items = page.path("items");
    assertThat(items.size()).as("a clean history").isEqualTo(epochs);
    for (int i = 0; i < items.size(); i++) {
      assertThat(items.get(i).path("epoch").asInt()).isEqualTo(i + 1);
    }
  }

  public static JsonNode awaitFinished(HttpTestClient http, String location, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> json(http.get(location).body()),
            j -> j.get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"));
  }

  public static Accuracy predictAll(HttpTestClient http, String network, String version) {
    List<String> species = new ArrayList<>();
    StringBuilder inputs = new StringBuilder("{\"inputs\":[");
    List<String> lines;
    try {
      lines = Files.readAllLines(CSV);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
            "/api/v1/networks/" + network + "/predictions?version=" + version,
            "application/json",
            inputs.toString());
    assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
    JsonNode body = json(predicted.body());
    int correct = 0;
    for (int i = 0; i < species.size(); i++) {
      if (body.get("labels").get(i).asString().equals(species.get(i))) {
        correct++;
      }
    }
    return new Accuracy(body.get("version").asInt(), (double) correct / species.size());
  }
}
