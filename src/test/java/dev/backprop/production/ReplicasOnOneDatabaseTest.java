package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.Iris;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas (two application contexts) on one PostgreSQL database: every job runs exactly once,
 * a version trained on one is served by the other, a job whose replica died too often fails with a
 * reason, and a replica that stops gracefully hands its running job to the other.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasOnOneDatabaseTest {

  static final Duration FINISH = Duration.ofMinutes(5);

  PostgresDatabase database;
  Replica a;
  Replica b;

  @BeforeAll
  void startReplicas(PostgresDatabase database) {
    this.database = database;
    a = Replica.start("A", database, "--backprop.training.max-concurrent-jobs=2");
    b = Replica.start("B", database, "--backprop.training.max-concurrent-jobs=2");
    Iris.upload(a.http(), "iris");
  }

  @AfterAll
  void stopReplicas() {
    for (Replica replica : new Replica[] {a, b}) {
      if (replica != null) {
        replica.close();
      }
    }
  }

  @Test
  @Order(1)
  void twentyJobsRunExactlyOnceAcrossBothReplicas() {
    Iris.defineNetwork(a.http(), "twenty");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Replica to = i % 2 == 0 ? a : b;
      String location =
          Iris.submit(
              to.http(),
              "twenty",
              """
              { "dataset": "iris", "epochs": 40, "batchSize": 16, "learningRate": 0.05,
                "seed": %d }
              """
                  .formatted(i));
      ids.add(Jobs.idOf(location));
    }

    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> Jobs.all(database).stream().filter(j -> ids.contains(j.id())).toList(),
            jobs -> jobs.size() == 20 && jobs.stream().allMatch(j -> !isActive(j.status())));

    List<Jobs.Row> jobs = Jobs.all(database).stream().filter(j -> ids.contains(j.id())).toList();
    assertThat(jobs)
        .allSatisfy(j -> assertThat(j.status()).as(j.toString()).isEqualTo("SUCCEEDED"));
    assertThat(jobs).allSatisfy(j -> assertThat(j.attempts()).as(j.toString()).isEqualTo(1));
    assertThat(jobs).allSatisfy(j -> assertThat(j.epoch()).as(j.toString()).isEqualTo(40));
    assertThat(jobs.stream().map(Jobs.Row::resultVersion).sorted().toList())
        .as("versions 1..20, each once")
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());

    // One stored version per job, each naming its job, and each job's epochs stored once.
    List<Map<String, Object>> versions =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT version, training_job_id FROM network_versions"
                            + " WHERE network_name = 'twenty' ORDER BY version")
                    .query()
                    .listOfRows());
    assertThat(versions).hasSize(20);
    assertThat(versions.stream().map(v -> (String) v.get("training_job_id")).distinct())
        .containsExactlyInAnyOrderElementsOf(ids);
    Long epochs =
        database.withJdbc(
            jdbc ->
                jdbc.sql(
                        "SELECT COUNT(*) FROM training_job_epochs e JOIN training_jobs j"
                            + " ON j.id = e.job_id WHERE j.network_name = 'twenty'")
                    .query(Long.class)
                    .single());
    assertThat(epochs).isEqualTo(20L * 40);

    Map<String, Long> byOwner =
        jobs.stream()
            .collect(Collectors.groupingBy(Jobs.Row::owner, TreeMap::new, Collectors.counting()));
    System.out.println("Jobs per replica: " + byOwner.values());
    assertThat(byOwner).as("both replicas ran jobs").hasSize(2);
  }

  @Test
  @Order(2)
  void aVersionTrainedOnOneReplicaIsServedByTheOther() {
    Iris.defineNetwork(a.http(), "shared");
    b.pauseTraining(); // so that A trains both versions
    try {
      JsonNode first = Iris.awaitFinished(a.http(), submitShort(a, "shared", 1), FINISH);
      assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(Iris.predictAll(b.http(), "shared", "latest").version()).isEqualTo(1);

      JsonNode second = Iris.awaitFinished(a.http(), submitShort(a, "shared", 2), FINISH);
      assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
      Instant created = Instant.now();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> Iris.predictAll(b.http(), "shared", "latest").version() == 2);
      Duration seen = Duration.between(created, Instant.now());
      System.out.println("Replica B served version 2 (made on A) " + seen.toMillis() + " ms later");
      // backprop.serving.version-refresh is 1s; the rest is slack for a loaded machine.
      assertThat(seen).isLessThan(Duration.ofSeconds(5));
      assertThat(Iris.predictAll(b.http(), "shared", "1").version()).isEqualTo(1);
      assertThat(b.http().get("/api/v1/networks/shared").body()).contains("\"latestVersion\":2");
    } finally {
      b.resumeTraining();
    }
  }

  @Test
  @Order(3)
  void aJobWhoseReplicaDiedIsRequeuedAndAfterTooManyAttemptsFailedWithTheReason() {
    Iris.defineNetwork(a.http(), "orphans");
    String template = Jobs.idOf(submitShort(a, "orphans", 3));
    Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + template, FINISH);
    // Two jobs that a replica which no longer exists was running: one on its first attempt, one
    // on its last (backprop.training.max-attempts is 3).
    String retried = orphan(template, 1);
    String exhausted = orphan(template, 3);

    JsonNode failed = Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + exhausted, FINISH);
    assertThat(failed.get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get("error").get("type").asString()).endsWith("/training-abandoned");
    assertThat(failed.get("error").get("detail").asString()).contains("used up its attempts");

    JsonNode finished = Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + retried, FINISH);
    assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(finished.get("attempts").asInt()).isEqualTo(2);
  }

  @Test
  @Order(4)
  void aReplicaStoppedGracefullyHandsItsJobToTheOther() {
    Iris.defineNetwork(a.http(), "handback");
    a.pauseTraining(); // so that B takes the job
    String id;
    String ownerB;
    try {
      id = Jobs.idOf(Iris.submitLong(b.http(), "handback"));
      Jobs.Row running =
          await()
              .atMost(FINISH)
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> Jobs.get(database, id),
                  j -> j.status().equals("RUNNING") && j.epoch() >= 5);
      ownerB = running.owner();
    } finally {
      a.resumeTraining();
    }

    b.close(); // what SIGTERM does: Spring's graceful shutdown
    Jobs.Row afterStop = Jobs.get(database, id);
    System.out.println("After B stopped: " + afterStop);
    assertThat(afterStop.owner()).as("B no longer holds it").isNotEqualTo(ownerB);
    assertThat(afterStop.status()).isIn("QUEUED", "RUNNING");

    JsonNode done = Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + id, FINISH);
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("attempts").asInt()).as("a hand-back is not an attempt").isEqualTo(1);
    Iris.assertWholeHistory(a.http(), "/api/v1/training-jobs/" + id, done.get("epochs").asInt());
    assertThat(Jobs.get(database, id).owner()).isNotEqualTo(ownerB);
    b = null;
  }

  private String orphan(String template, int attempts) {
    String id = java.util.UUID.randomUUID().toString();
    database.withJdbc(
        jdbc ->
            jdbc.sql(
                    "INSERT INTO training_jobs (id, network_name, status, request, seed, epoch,"
                        + " epochs, attempts, owner, lease_until, created_at, started_at)"
                        + " SELECT ?, network_name, 'RUNNING', request, seed, 7, epochs, ?,"
                        + " 'a-replica-that-died', now() - interval '1 minute', now(), now()"
                        + " FROM training_jobs WHERE id = ?")
                .params(id, attempts, template)
                .update());
    return id;
  }

  private static String submitShort(Replica replica, String network, int seed) {
    return Iris.submit(
        replica.http(),
        network,
        """
        { "dataset": "iris", "epochs": 100, "batchSize": 16, "learningRate": 0.05, "seed": %d }
        """
            .formatted(seed));
  }

  static boolean isActive(String status) {
    return status.equals("QUEUED") || status.equals("RUNNING");
  }
}
