package dev.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API as the service-level tests of networks, training and predictions speak it: JSON in, a
 * status, headers and a parsed body out, over a real socket.
 */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final String PROBLEM = "application/problem+json";

  /** One answer: its status, its Location and Content-Type, and its body as JSON (or null). */
  public record Answer(int status, Optional<String> location, String contentType, String raw) {
    public JsonNode json() {
      return raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    }

    /** Asserts a problem detail of that status, and returns it. */
    public JsonNode problem(int expectedStatus) {
      assertThat(status).as(raw).isEqualTo(expectedStatus);
      assertThat(contentType).as(raw).startsWith(PROBLEM);
      JsonNode body = json();
      assertThat(body.path("type").asString()).startsWith("https://backprop.dev/problems/");
      assertThat(body.path("title").asString()).isNotBlank();
      assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
      assertThat(body.path("detail").asString()).isNotBlank();
      return body;
    }

    /** Asserts a problem detail of that status whose {@code errors} name {@code field}. */
    public JsonNode invalid(int expectedStatus, String field) {
      JsonNode body = problem(expectedStatus);
      assertThat(body.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
          .as(raw)
          .contains(field);
      return body;
    }

    public JsonNode ok(int expectedStatus) {
      assertThat(status).as(raw).isEqualTo(expectedStatus);
      return json();
    }
  }

  private final HttpTestClient http;

  public Api(int port) {
    this.http = new HttpTestClient(port);
  }

  public Answer get(String path) {
    return answer(http.get(path));
  }

  public Answer post(String path, String json) {
    return answer(http.send("POST", path, "application/json", json));
  }

  public Answer post(String path) {
    return answer(http.send("POST", path, null, ""));
  }

  public Answer delete(String path) {
    return answer(http.send("DELETE", path, null, ""));
  }

  public Answer send(String method, String path, String contentType, String body) {
    return answer(http.send(method, path, contentType, body));
  }

  private static Answer answer(HttpResponse<String> r) {
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Location"),
        r.headers().firstValue("Content-Type").orElse(""),
        r.body());
  }

  // --- steps ------------------------------------------------------------------------------------

  public JsonNode createNetwork(String json) {
    return post("/api/v1/networks", json).ok(201);
  }

  /** Submits a job and answers its Location. */
  public String submit(String network, String json) {
    Answer a = post("/api/v1/networks/" + network + "/training-jobs", json);
    assertThat(a.status()).as(a.raw()).isEqualTo(202);
    return a.location().orElseThrow();
  }

  /**
   * Uploads examples/iris.csv as data set {@code name}, defines a one-layer softmax network of the
   * same name (seed 1) and submits {@code job} on it; answers the job's Location.
   */
  public String irisJob(String name, String job) throws IOException {
    String csv = Files.readString(Path.of("examples", "iris.csv"));
    send("POST", "/api/v1/datasets?name=" + name + "&target=species", "text/csv", csv).ok(201);
    createNetwork(
        """
        { "name": "%s", "inputs": 4,
          "layers": [ { "units": 3, "activation": "softmax" } ],
          "loss": "cross_entropy", "seed": 1, "labels": ["setosa", "versicolor", "virginica"] }
        """
            .formatted(name));
    return submit(name, job);
  }

  /** Waits for the job at {@code location} to finish and answers it. */
  public JsonNode finish(String location, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> get(location).json(),
            j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"));
  }

  public JsonNode succeed(String location) {
    JsonNode job = finish(location, Duration.ofMinutes(3));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    return job;
  }

  public JsonNode awaitStatus(String location, String status) {
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(location).json(), j -> j.path("status").asString().equals(status));
  }

  /** The outputs of a prediction answer, as float rows. */
  public static float[][] outputs(JsonNode answer) {
    List<JsonNode> rows = answer.path("outputs").valueStream().toList();
    float[][] out = new float[rows.size()][];
    for (int r = 0; r < out.length; r++) {
      List<JsonNode> values = rows.get(r).valueStream().toList();
      out[r] = new float[values.size()];
      for (int c = 0; c < values.size(); c++) {
        out[r][c] = values.get(c).floatValue();
      }
    }
    return out;
  }
}
