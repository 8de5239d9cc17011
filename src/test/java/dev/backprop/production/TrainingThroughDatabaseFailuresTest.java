package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.Iris;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Training rides out what a production database does to its connections: every connection ended
 * ({@code pg_terminate_backend}) while the replica is idle, while it claims jobs and while a job
 * runs, and a 20 s outage ({@code ALLOW_CONNECTIONS false}) under a running job. Each job finishes
 * once, in one attempt, never restarted from epoch 0 (its progress is never taken back), and jobs
 * submitted afterwards are claimed as usual: no restart of the replica.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingThroughDatabaseFailuresTest {

  static final Duration FINISH = Duration.ofMinutes(5);
  static final String SHORT =
      "{ \"dataset\": \"iris\", \"epochs\": 30, \"batchSize\": 16, \"learningRate\": 0.05,"
          + " \"seed\": 5 }";
  // Long enough to still be running when an outage begins after its 20th epoch: with its epochs
  // stored in groups, a job trains iris's 1,500 epochs in a fraction of a second (5,000: the
  // limit).
  static final String MEDIUM = SHORT.replace("\"epochs\": 30", "\"epochs\": 5000");

  PostgresDatabase database;
  Replica replica;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    replica = Replica.start("A", database);
    Iris.upload(replica.http(), "iris");
  }

  @AfterAll
  void stop() {
    if (replica != null) {
      replica.close();
    }
  }

  @Test
  void connectionsEndedWhileIdleDoNotStopClaims() throws Exception {
    define("idle");
    Outage outage = new Outage(database);
    for (int i = 0; i < 5; i++) {
      outage.endConnections();
      Thread.sleep(200);
    }
    long submitted = System.nanoTime();
    String job = submitRetrying("idle", SHORT);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !status(job).equals("QUEUED"));
    System.out.printf(
        "Claimed %.0f ms after its submit, after 5 rounds of ended connections%n",
        (System.nanoTime() - submitted) / 1e6);
    assertFinishedOnceInOneAttempt(job, 30);
  }

  @Test
  void connectionsEndedWhileClaimingLoseNoJob() throws Exception {
    define("claiming");
    Outage outage = new Outage(database);
    List<String> jobs = new ArrayList<>();
    Thread killer = killConnectionsEvery(Duration.ofMillis(40), Duration.ofSeconds(4), outage);
    for (int i = 0; i < 4; i++) {
      jobs.add(submitRetrying("claiming", SHORT));
      Thread.sleep(700);
    }
    killer.join();
    for (String job : jobs) {
      assertFinishedOnceInOneAttempt(job, 30);
    }
    long submitted = System.nanoTime();
    String later = submitRetrying("claiming", SHORT);
    assertFinishedOnceInOneAttempt(later, 30);
    System.out.printf(
        "A job submitted after the ended connections finished %.0f ms after its submit%n",
        (System.nanoTime() - submitted) / 1e6);
  }

  @Test
  void connectionsEndedMidJobPauseItWithoutARestart() throws Exception {
    define("midjob");
    String job = submitRetrying("midjob", MEDIUM);
    awaitEpoch(job, 20);
    Outage outage = new Outage(database);
    Thread killer = killConnectionsEvery(Duration.ofMillis(300), Duration.ofSeconds(4), outage);
    killer.join();
    assertFinishedOnceInOneAttempt(job, 5000);
    String later = submitRetrying("midjob", SHORT);
    assertFinishedOnceInOneAttempt(later, 30);
  }

  @Test
  void aTwentySecondOutagePausesTheJobWhichThenGoesOnInTheSameAttempt() throws Exception {
    define("outage");
    String job = submitRetrying("outage", MEDIUM);
    awaitEpoch(job, 20);
    int before;
    long ended;
    try (Outage outage = new Outage(database)) {
      before = Jobs.get(database, Jobs.idOf(job)).epoch();
      outage.begin();
      Thread.sleep(20_000);
    }
    ended = System.nanoTime();
    int[] after = new int[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> (after[0] = Jobs.get(database, Jobs.idOf(job)).epoch()) > before + 1);
    System.out.printf(
        "Outage of 20 s: the job was at epoch %d when it began, and progressing again (epoch %d)"
            + " %.0f ms after it ended%n",
        before, after[0], (System.nanoTime() - ended) / 1e6);
    assertFinishedOnceInOneAttempt(job, 5000);
    String later = submitRetrying("outage", SHORT);
    assertFinishedOnceInOneAttempt(later, 30);
  }

  private void assertFinishedOnceInOneAttempt(String job, int epochs) {
    JsonNode done = Iris.awaitFinished(replica.http(), job, FINISH);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("attempts").asInt()).as(done.toString()).isEqualTo(1);
    assertThat(done.get("resultVersion").isNull()).isFalse();
    assertThat(done.get("epoch").asInt()).isEqualTo(epochs);
    assertThat(Jobs.resumedFrom(database, Jobs.idOf(job))).as("never started over").isZero();
    List<Integer> versions =
        database.withJdbc(
            jdbc ->
                jdbc.sql("SELECT version FROM network_versions WHERE training_job_id = ?")
                    .param(Jobs.idOf(job))
                    .query(Integer.class)
                    .list());
    assertThat(versions).as("one version per job").hasSize(1);
    // Each epoch recorded once: the whole history, not the job's thinned one.
    Iris.assertWholeHistory(replica.http(), job, epochs);
  }

  private String status(String job) {
    return Jobs.get(database, Jobs.idOf(job)).status();
  }

  private void awaitEpoch(String job, int epoch) {
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Jobs.get(database, Jobs.idOf(job)).epoch() >= epoch);
  }

  /**
   * A request like any other: one that meets a connection the test just ended may fail (503, or 500
   * when the driver's error is not one of a lost connection), so a client sends it again.
   */
  private HttpResponse<String> sendRetrying(String path, String body) throws InterruptedException {
    HttpResponse<String> response = null;
    for (int i = 0; i < 50; i++) {
      response = replica.http().send("POST", path, "application/json", body);
      if (response.statusCode() < 500) {
        return response;
      }
      Thread.sleep(100);
    }
    return response;
  }

  private String submitRetrying(String network, String body) throws InterruptedException {
    HttpResponse<String> submitted =
        sendRetrying("/api/v1/networks/" + network + "/training-jobs", body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    return submitted.headers().firstValue("Location").orElseThrow();
  }

  private void define(String network) throws InterruptedException {
    HttpResponse<String> defined =
        sendRetrying(
            "/api/v1/networks",
            """
            { "name": "%s",
              "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
              "layers": [ { "units": 8, "activation": "relu" },
                          { "units": 3, "activation": "softmax" } ],
              "loss": "cross_entropy", "seed": 42 }
            """
                .formatted(network));
    assertThat(defined.statusCode()).as(defined.body()).isIn(201, 409);
  }

  private static Thread killConnectionsEvery(Duration every, Duration during, Outage outage) {
    Thread thread =
        new Thread(
            () -> {
              long end = System.nanoTime() + during.toNanos();
              int ended = 0;
              try {
                while (System.nanoTime() < end) {
                  ended += outage.endConnections();
                  Thread.sleep(every.toMillis());
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              System.out.printf("Ended %d connections in %s%n", ended, during);
            },
            "connection-killer");
    thread.start();
    return thread;
  }
}
