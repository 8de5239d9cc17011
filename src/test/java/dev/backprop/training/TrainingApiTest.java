package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.IntegrationTest;
import dev.backprop.network.Api;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Training jobs over real HTTP on the whole service: every refusal, cancel, the exact step. */
@IntegrationTest
class TrainingApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  static final String CLASSIFIER =
      """
      { "name": "%s", "inputs": 2,
        "layers": [ { "units": 4, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
        "loss": "cross_entropy", "seed": 5, "labels": ["red", "green", "blue"] }
      """;
  static final String INLINE =
      "\"data\": { \"features\": [[0, 0], [1, 0], [0, 1], [1, 1]],"
          + " \"targets\": [\"red\", \"green\", \"blue\", \"red\"] }";

  String jobs(String network) {
    return "/api/v1/networks/" + network + "/training-jobs";
  }

  void classifier(String name) {
    api.createNetwork(CLASSIFIER.formatted(name));
  }

  @Test
  void unknownNetworkOrDatasetIsA404() {
    api.post(jobs("no-such-net"), "{ " + INLINE + " }").problem(404);
    classifier("job-nodata");
    JsonNode problem =
        api.post(jobs("job-nodata"), "{ \"dataset\": \"no-such-dataset\" }").problem(404);
    assertThat(problem.path("detail").asString()).contains("no-such-dataset");
  }

  @Test
  void bothOrNeitherSourceIsA400() {
    classifier("job-sources");
    api.post(jobs("job-sources"), "{ \"dataset\": \"x\", " + INLINE + " }").problem(400);
    api.post(jobs("job-sources"), "{ \"epochs\": 3 }").problem(400);
  }

  @Test
  void settingsOutOfRangeAre400sNamingTheField() {
    classifier("job-settings");
    JsonNode epochs =
        api.post(jobs("job-settings"), "{ " + INLINE + ", \"epochs\": 100001 }")
            .invalid(400, "epochs");
    assertThat(epochs.path("detail").asString()).contains("backprop.limits.max-epochs");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"optimizer\": \"rmsprop\" }")
        .invalid(400, "optimizer");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"learningRate\": \"fast\" }")
        .invalid(400, "learningRate");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"learningRate\": 0 }")
        .invalid(400, "learningRate");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"batchSize\": 0 }")
        .invalid(400, "batchSize");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"validationSplit\": 1 }")
        .invalid(400, "validationSplit");
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"epochs\": 1e400 }").problem(400);
    api.post(jobs("job-settings"), "{ " + INLINE + ", \"dropout\": 0.5 }").invalid(400, "dropout");
    api.post(jobs("job-settings"), "{ " + INLINE + ", ").problem(400);
    api.send("POST", jobs("job-settings"), "text/plain", "{}").problem(415);
    assertThat(api.get("/api/v1/training-jobs?network=job-settings").json().path("total").asInt())
        .isZero();
  }

  @Test
  void dataThatDoesNotFitTheNetworkIsA400() {
    classifier("job-data");
    api.post(
            jobs("job-data"),
            "{ \"data\": { \"features\": [[0, 0], [1, 1]], \"targets\": [\"red\", \"purple\"] } }")
        .invalid(400, "data.targets");
    api.post(
            jobs("job-data"),
            "{ \"data\": { \"features\": [[0, 0, 1], [1, 1, 0]], \"targets\": [\"red\", \"blue\"] } }")
        .invalid(400, "data.features");
    api.post(
            jobs("job-data"),
            "{ \"data\": { \"features\": [[0, 0], [1, 1]], \"targets\": [0, 7] } }")
        .invalid(400, "data.targets");
    api.post(
            jobs("job-data"),
            "{ \"data\": { \"features\": [[0, 0], [1, 1]], \"targets\": [[1, 0], [0, 1]] } }")
        .invalid(400, "data.targets");
    api.post(jobs("job-data"), "{ \"data\": { \"features\": [[0, \"x\"]], \"targets\": [0] } }")
        .invalid(400, "data.features[0][1]");
    api.post(jobs("job-data"), "{ \"data\": { \"features\": [[0, 1e400]], \"targets\": [0] } }")
        .problem(400);
    api.post(jobs("job-data"), "{ \"data\": { \"features\": [[0, 1], [1, 0]], \"targets\": [0] } }")
        .problem(400);
  }

  /**
   * A stored data set is checked at submit by its description alone (width, classes, target width),
   * never by reading its rows; what only the rows tell fails the job when it runs.
   */
  @Test
  void aStoredDataSetIsCheckedByItsDescriptionAndItsRowsWhenTheJobRuns() {
    classifier("job-stored");
    String upload = "{ \"name\": \"%s\", \"features\": %s, \"targets\": %s }";
    api.post(
            "/api/v1/datasets", upload.formatted("stored-wide", "[[0, 0, 1], [1, 1, 0]]", "[0, 1]"))
        .ok(201);
    api.post(
            "/api/v1/datasets",
            upload.formatted("stored-purple", "[[0, 0], [1, 1]]", "[\"red\", \"purple\"]"))
        .ok(201);
    api.post("/api/v1/datasets", upload.formatted("stored-seven", "[[0, 0], [1, 1]]", "[0, 7]"))
        .ok(201);
    api.post(jobs("job-stored"), "{ \"dataset\": \"stored-wide\" }").invalid(400, "dataset");
    api.post(jobs("job-stored"), "{ \"dataset\": \"stored-purple\" }").invalid(400, "targets");

    String seven = api.submit("job-stored", "{ \"dataset\": \"stored-seven\", \"epochs\": 1 }");
    JsonNode failed = api.finish(seven, java.time.Duration.ofSeconds(30));
    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    // A job's error is a 422: its type says so, not the request's 400 invalid-dataset.
    assertThat(failed.path("error").path("type").asString()).endsWith("/training-input-invalid");
    assertThat(failed.path("error").path("status").asInt()).isEqualTo(422);
    assertThat(failed.path("error").path("detail").asString()).contains("no class index");
  }

  @Test
  void fromVersionMustExist() {
    classifier("job-from");
    api.post(jobs("job-from"), "{ " + INLINE + ", \"fromVersion\": \"7\" }").problem(404);
    api.post(jobs("job-from"), "{ " + INLINE + ", \"fromVersion\": \"latest\" }").problem(404);
    api.post(jobs("job-from"), "{ " + INLINE + ", \"fromVersion\": \"seven\" }")
        .invalid(400, "fromVersion");
  }

  @Test
  void unknownAndMalformedJobIdsAre404s() {
    String unknown = "/api/v1/training-jobs/" + UUID.randomUUID();
    api.get(unknown).problem(404);
    api.post(unknown + "/cancel").problem(404);
    api.get(unknown + "/events").problem(404);
    api.get("/api/v1/training-jobs/not-a-uuid").problem(404);
    api.post("/api/v1/training-jobs/not-a-uuid/cancel").problem(404);
    api.get("/api/v1/training-jobs?status=DONE").invalid(400, "status");
    api.get("/api/v1/training-jobs?size=501").invalid(400, "size");
    api.get("/api/v1/training-jobs?page=-1").invalid(400, "page");
  }

  @Test
  void finishedJobCannotBeCancelledButAQueuedOneCan() {
    classifier("job-cancel");
    String done = api.submit("job-cancel", "{ " + INLINE + ", \"epochs\": 2, \"seed\": 1 }");
    JsonNode job = api.succeed(done);
    assertThat(job.path("resultVersion").asInt()).isEqualTo(1);
    assertThat(job.path("history").size()).isEqualTo(2);
    assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
    assertThat(job.path("finishedAt").asString()).isNotBlank();
    JsonNode conflict = api.post(done + "/cancel").problem(409);
    assertThat(conflict.path("detail").asString()).contains("SUCCEEDED");

    String running =
        api.submit("job-cancel", "{ " + INLINE + ", \"epochs\": 100000, \"seed\": 1 }");
    JsonNode cancelled = api.post(running + "/cancel").ok(202);
    assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
    api.post(running + "/cancel").problem(409);
    assertThat(api.finish(running, java.time.Duration.ofSeconds(30)).path("resultVersion").isNull())
        .isTrue();
    assertThat(api.get("/api/v1/networks/job-cancel").json().path("latestVersion").asInt())
        .isEqualTo(1);
  }

  /**
   * A job of 2,500 epochs: its own answer keeps epochs 1, 4, 7, ... 2500 (stride 3, 834 entries);
   * {@code /history} pages through every epoch. The epochs are written straight into the database
   * under a cancelled job, so the test reads exactly what it wrote.
   */
  @Test
  void longHistoryIsThinnedInTheJobAndPagedWhole() {
    classifier("job-history");
    String job = api.submit("job-history", "{ " + INLINE + ", \"epochs\": 100000, \"seed\": 1 }");
    api.post(job + "/cancel").ok(202);
    api.finish(job, Duration.ofSeconds(30));
    String id = job.substring(job.lastIndexOf('/') + 1);
    storeEpochs(id, 2500);

    JsonNode thinned = api.get(job).ok(200);
    assertThat(thinned.path("historyStride").asInt()).isEqualTo(3);
    JsonNode history = thinned.path("history");
    assertThat(history.size()).isEqualTo(834);
    assertThat(history.get(0).path("epoch").asInt()).isEqualTo(1);
    assertThat(history.get(1).path("epoch").asInt()).isEqualTo(4);
    assertThat(history.get(833).path("epoch").asInt()).isEqualTo(2500);
    assertThat(history.get(833).path("validationAccuracy").asDouble()).isEqualTo(0.75);

    JsonNode second = api.get(job + "/history?page=1").ok(200);
    assertThat(second.path("size").asInt()).isEqualTo(1000);
    assertThat(second.path("total").asLong()).isEqualTo(2500);
    assertThat(second.path("items").size()).isEqualTo(1000);
    assertThat(second.path("items").get(0).path("epoch").asInt()).isEqualTo(1001);
    JsonNode last = api.get(job + "/history?page=1&size=2000").ok(200).path("items");
    assertThat(last.size()).isEqualTo(500);
    assertThat(last.get(499).path("epoch").asInt()).isEqualTo(2500);
    assertThat(api.get(job + "/history?page=9").ok(200).path("items").size()).isZero();
    api.get(job + "/history?size=5001").invalid(400, "size");
    api.get("/api/v1/training-jobs/" + UUID.randomUUID() + "/history").problem(404);
  }

  void storeEpochs(String id, int epochs) {
    jdbc.sql("DELETE FROM training_job_epochs WHERE job_id = ?").param(id).update();
    for (int e = 1; e <= epochs; e++) {
      jdbc.sql(
              "INSERT INTO training_job_epochs (job_id, epoch, loss, validation_loss, accuracy,"
                  + " validation_accuracy) VALUES (?, ?, ?, ?, ?, ?)")
          .params(id, e, 1.0 / e, 1.1 / e, 0.5, 0.75)
          .update();
    }
    jdbc.sql("UPDATE training_jobs SET epoch = ? WHERE id = ?").params(epochs, id).update();
  }

  /**
   * A failed job's {@code error} is a problem detail whose status (422) is not stored but derived:
   * a job made to diverge (no loss survives that learning rate) fails so, and a row stored by an
   * earlier release (a job whose data set vanished, typed {@code not-found}) reads back as before.
   */
  @Test
  void aFailedJobsErrorIsAProblemDetail() {
    api.createNetwork(
        """
        { "name": "job-diverge", "inputs": 2, "layers": [ { "units": 1, "activation": "identity" } ],
          "loss": "quadratic", "seed": 3 }
        """);
    // Each full-batch step multiplies the error by about 1 - 10 * 10^6: float overflows at once.
    String location =
        api.submit(
            "job-diverge",
            """
            { "data": { "features": [[1000, 1000], [1000, -1000]], "targets": [1000, -1000] },
              "epochs": 20, "batchSize": 2, "learningRate": 10, "optimizer": "sgd",
              "shuffle": false, "standardize": false, "seed": 1 }
            """);
    JsonNode job = api.finish(location, Duration.ofMinutes(1));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("FAILED");
    JsonNode error = job.path("error");
    assertThat(error.propertyNames()).containsExactly("type", "title", "status", "detail");
    assertThat(error.path("type").asString())
        .isEqualTo("https://backprop.dev/problems/training-diverged");
    assertThat(error.path("title").asString()).isEqualTo("Training diverged");
    assertThat(error.path("status").asInt()).isEqualTo(422);
    assertThat(error.path("detail").asString()).startsWith("the loss became ");

    UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    jdbc.sql(
            "UPDATE training_jobs SET error_type = ?, error_title = ?, error_detail = ?"
                + " WHERE id = ?")
        .params(
            "https://backprop.dev/problems/not-found",
            "Not found",
            "data set 'gone' does not exist",
            id.toString())
        .update();
    assertThat(api.get(location).ok(200).path("error").toString())
        .isEqualTo(
            "{\"type\":\"https://backprop.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":422,\"detail\":\"data set 'gone' does not exist\"}");
  }

  /**
   * docs/math.md: with sgd, no shuffle, no validation part, no standardisation and a batch of every
   * row, one epoch is exactly one full-batch step W ← W − η·(∂J/∂W + l2·W), b ← b − η·∂J/∂b.
   *
   * <pre>
   * Network 2 → 2 (relu) → 1 (identity), quadratic loss J = (1/2n) Σ (a − y)², n = 2.
   *   W1 = [[0.5, −0.5], [0.25, 0.5]]  b1 = [0, 0.1]   W2 = [[1, −1]]  b2 = [0.5]
   * Rows x1 = (1, 2), y1 = 1;  x2 = (0, 1), y2 = 0.   η = 0.1, l2 = 0.2.
   *
   * Forward  x1: s1 = (0.5 − 1, 0.25 + 1 + 0.1) = (−0.5, 1.35), a1 = (0, 1.35),
   *              a = 0 − 1.35 + 0.5 = −0.85, a − y = −1.85
   *          x2: s1 = (−0.5, 0.6), a1 = (0, 0.6), a = −0.6 + 0.5 = −0.1, a − y = −0.1
   * Output   δ2 = a − y (identity): −1.85, −0.1
   *   ∂J/∂W2 = ½ (−1.85·(0, 1.35) − 0.1·(0, 0.6)) = (0, −1.27875);  ∂J/∂b2 = ½(−1.95) = −0.975
   * Hidden   δ1 = (W2ᵀ δ2) ⊙ relu'(s1): x1: (−1.85, 1.85) ⊙ (0, 1) = (0, 1.85); x2: (0, 0.1)
   *   ∂J/∂W1 = ½ ((0, 1.85)ᵀ(1, 2) + (0, 0.1)ᵀ(0, 1)) = [[0, 0], [0.925, 1.9]]
   *   ∂J/∂b1 = ½ (0, 1.95) = (0, 0.975)
   * Step
   *   W1[0] = (0.5 − 0.1·(0 + 0.1), −0.5 − 0.1·(0 − 0.1))          = (0.49, −0.49)
   *   W1[1] = (0.25 − 0.1·(0.925 + 0.05), 0.5 − 0.1·(1.9 + 0.1))   = (0.1525, 0.3)
   *   b1    = (0 − 0, 0.1 − 0.0975)                                 = (0, 0.0025)
   *   W2[0] = (1 − 0.1·(0 + 0.2), −1 − 0.1·(−1.27875 − 0.2))        = (0.98, −0.852125)
   *   b2    = 0.5 − 0.1·(−0.975)                                    = 0.5975
   * </pre>
   */
  @Test
  void oneEpochIsExactlyOneFullBatchGradientStep() {
    api.post(
            "/api/v1/networks/import",
            """
            { "format": "backprop-model", "formatVersion": 1,
              "network": { "name": "exact-step", "inputs": 2,
                           "layers": [ { "units": 2, "activation": "relu" },
                                       { "units": 1, "activation": "identity" } ],
                           "loss": "quadratic", "seed": 1 },
              "standardization": null,
              "layers": [ { "weights": [[0.5, -0.5], [0.25, 0.5]], "biases": [0.0, 0.1] },
                          { "weights": [[1.0, -1.0]], "biases": [0.5] } ] }
            """)
        .ok(201);
    String job =
        api.submit(
            "exact-step",
            """
            { "data": { "features": [[1, 2], [0, 1]], "targets": [1, 0] },
              "epochs": 1, "batchSize": 32, "learningRate": 0.1, "optimizer": "sgd",
              "l2": 0.2, "validationSplit": 0, "shuffle": false, "standardize": false,
              "fromVersion": "1", "seed": 9 }
            """);
    assertThat(api.succeed(job).path("resultVersion").asInt()).isEqualTo(2);
    JsonNode exported = api.get("/api/v1/networks/exact-step/versions/2/export").ok(200);
    assertThat(exported.path("standardization").isNull()).isTrue();
    JsonNode hidden = exported.path("layers").get(0);
    JsonNode output = exported.path("layers").get(1);
    float tolerance = 1e-6f;
    assertThat(hidden.path("weights").get(0).get(0).floatValue())
        .isCloseTo(0.49f, within(tolerance));
    assertThat(hidden.path("weights").get(0).get(1).floatValue())
        .isCloseTo(-0.49f, within(tolerance));
    assertThat(hidden.path("weights").get(1).get(0).floatValue())
        .isCloseTo(0.1525f, within(tolerance));
    assertThat(hidden.path("weights").get(1).get(1).floatValue())
        .isCloseTo(0.3f, within(tolerance));
    assertThat(hidden.path("biases").get(0).floatValue()).isCloseTo(0f, within(tolerance));
    assertThat(hidden.path("biases").get(1).floatValue()).isCloseTo(0.0025f, within(tolerance));
    assertThat(output.path("weights").get(0).get(0).floatValue())
        .isCloseTo(0.98f, within(tolerance));
    assertThat(output.path("weights").get(0).get(1).floatValue())
        .isCloseTo(-0.852125f, within(tolerance));
    assertThat(output.path("biases").get(0).floatValue()).isCloseTo(0.5975f, within(tolerance));
  }
}
