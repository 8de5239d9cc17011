package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.Iris;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A replica in a JVM of its own runs a job and is then killed ({@code kill -9}) or sent SIGTERM;
 * the replica in this JVM finishes the job: a killed replica's from its last checkpoint, with the
 * same metrics and parameters as an uninterrupted run. With {@code lease-duration=3s} and {@code
 * heartbeat-interval=1s}, a killed replica's job must be taken over within lease + one heartbeat (+
 * slack for a loaded machine); a SIGTERMed one's at once, long before its lease would expire.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaFailoverTest {

  static final Duration LEASE = Duration.ofSeconds(3);
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  static final Duration FINISH = Duration.ofMinutes(5);
  static final Duration CHECKPOINTS = Duration.ofMillis(500);

  PostgresDatabase database;
  Replica a;

  @BeforeAll
  void startReplica(PostgresDatabase database) {
    this.database = database;
    a = Replica.start("A", database);
    Iris.upload(a.http(), "iris");
  }

  @AfterAll
  void stopReplica() {
    if (a != null) {
      a.close();
    }
  }

  @Test
  void aKilledReplicasJobIsResumedByTheOtherFromItsCheckpointOnceItsLeaseExpires()
      throws Exception {
    Iris.defineNetwork(a.http(), "killed");
    Jobs.Row running;
    Instant killed;
    int checkpointed;
    a.pauseTraining(); // so that B claims the job
    try (ReplicaProcess b =
        ReplicaProcess.start(
            "killed", database, "--backprop.training.checkpoint-interval=" + CHECKPOINTS)) {
      String id = Jobs.idOf(Iris.submitLong(b.http(), "killed"));
      running = awaitRunningBy(id, b.ownerPrefix());
      await()
          .atMost(FINISH)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> checkpointEpoch(id) >= 1);
      a.resumeTraining();
      killed = Instant.now();
      b.kill();
      checkpointed = checkpointEpoch(id);
    }
    String id = running.id();
    Jobs.Row stale = Jobs.get(database, id);
    assertThat(stale.status()).as("nothing was handed back").isEqualTo("RUNNING");
    assertThat(stale.owner()).isEqualTo(running.owner());

    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Jobs.get(database, id),
            j -> !j.status().equals("QUEUED") && !running.owner().equals(j.owner()));
    Instant at = Instant.now();
    Duration delay = Duration.between(killed, at);
    Duration afterLease = Duration.between(stale.leaseUntil(), at);
    System.out.printf(
        "Takeover after kill -9: %d ms after the kill, %d ms after the lease ran out"
            + " (lease %s, heartbeat %s)%n",
        delay.toMillis(), afterLease.toMillis(), LEASE, HEARTBEAT);
    assertThat(delay).isLessThan(LEASE.plus(HEARTBEAT).plus(Duration.ofSeconds(4)));

    JsonNode done = Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + id, FINISH);
    int resumedFrom = Jobs.resumedFrom(database, id);
    System.out.printf(
        "Killed at epoch %d (last checkpoint: epoch %d of %d); resumed from epoch %d%n",
        stale.epoch(), checkpointed, done.get("epochs").asInt(), resumedFrom);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("attempts").asInt()).as("a crash counts").isEqualTo(2);
    assertThat(done.get("resultVersion").asInt()).isEqualTo(1);
    assertThat(resumedFrom).isPositive().isEqualTo(checkpointed);
    Iris.assertWholeHistory(a.http(), "/api/v1/training-jobs/" + id, done.get("epochs").asInt());

    // The same job, uninterrupted, on a network of the same definition and seed: the same
    // metrics at every epoch and the same parameters, bit for bit.
    Iris.defineNetwork(a.http(), "uninterrupted");
    String reference = Iris.submitLong(a.http(), "uninterrupted");
    JsonNode whole = Iris.awaitFinished(a.http(), reference, FINISH);
    assertThat(Jobs.resumedFrom(database, Jobs.idOf(reference))).isZero();
    assertThat(whole.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(wholeHistory("/api/v1/training-jobs/" + id)).isEqualTo(wholeHistory(reference));
    assertThat(export("killed").get("layers")).isEqualTo(export("uninterrupted").get("layers"));
  }

  /** Every epoch's metrics, not the job's thinned history. */
  private JsonNode wholeHistory(String location) {
    return Iris.json(a.http().get(location + "/history?size=5000").body()).get("items");
  }

  private JsonNode export(String network) {
    return Iris.json(a.http().get("/api/v1/networks/" + network + "/versions/1/export").body());
  }

  private int checkpointEpoch(String id) {
    return database.withJdbc(
        jdbc ->
            jdbc.sql("SELECT epoch FROM training_job_checkpoints WHERE job_id = ?")
                .param(id)
                .query(Integer.class)
                .optional()
                .orElse(0));
  }

  @Test
  void aReplicaSentSigtermHandsItsJobBackAtOnce() throws Exception {
    Iris.defineNetwork(a.http(), "terminated");
    Jobs.Row running;
    Instant terminated;
    int exit;
    a.pauseTraining();
    // A long lease: a takeover within seconds can only come from the job being handed back.
    try (ReplicaProcess b =
        ReplicaProcess.start("terminated", database, "--backprop.training.lease-duration=60s")) {
      String id = Jobs.idOf(Iris.submitLong(b.http(), "terminated"));
      running = awaitRunningBy(id, b.ownerPrefix());
      a.resumeTraining();
      terminated = Instant.now();
      exit = b.terminate();
    }
    String id = running.id();
    Jobs.Row after = Jobs.get(database, id);
    System.out.println("After SIGTERM (exit " + exit + "): " + after);
    assertThat(after.owner()).isNotEqualTo(running.owner());
    assertThat(after.status()).isIn("QUEUED", "RUNNING");
    Jobs.Row takenOver =
        await()
            .atMost(FINISH)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> Jobs.get(database, id), j -> !j.status().equals("QUEUED"));
    Duration delay = Duration.between(terminated, Instant.now());
    System.out.printf("Takeover after SIGTERM: %d ms (%s)%n", delay.toMillis(), takenOver);
    assertThat(delay).isLessThan(Duration.ofSeconds(30));

    JsonNode done = Iris.awaitFinished(a.http(), "/api/v1/training-jobs/" + id, FINISH);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("attempts").asInt()).as("a hand-back is not an attempt").isEqualTo(1);
  }

  private Jobs.Row awaitRunningBy(String id, String ownerPrefix) {
    return await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> Jobs.get(database, id),
            j ->
                j.status().equals("RUNNING")
                    && j.owner() != null
                    && j.owner().startsWith(ownerPrefix)
                    && j.epoch() >= 5);
  }
}
