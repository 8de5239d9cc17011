package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.Iris;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A search's candidates run on two replicas; the one in a JVM of its own is killed ({@code kill
 * -9}) while it runs a candidate. The other takes that candidate over once its lease runs out, runs
 * the rest, and ends the search: every candidate run to its end once, one version.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFailoverTest {

  static final Duration FINISH = Duration.ofMinutes(5);
  static final String SEARCH =
      """
      { "dataset": "iris", "metric": "validationAccuracy",
        "base": { "epochs": 5000, "batchSize": 1, "validationSplit": 0.2, "seed": 7 },
        "space": { "learningRate": [0.01, 0.02, 0.05] } }
      """;

  PostgresDatabase database;
  Replica a;

  @BeforeAll
  void startReplica(PostgresDatabase database) {
    this.database = database;
    a = Replica.start("A", database, "--backprop.search.check-interval=500ms");
    Iris.upload(a.http(), "iris");
  }

  @AfterAll
  void stopReplica() {
    if (a != null) {
      a.close();
    }
  }

  @Test
  void aSearchEndsOnceWithEveryCandidateRunOnceWhenAReplicaIsKilledMidSearch() throws Exception {
    Iris.defineNetwork(a.http(), "searched");
    String location;
    Jobs.Row running;
    a.pauseTraining(); // so that B claims the first candidate
    try (ReplicaProcess b = ReplicaProcess.start("searched", database)) {
      var started =
          b.http().send("POST", "/api/v1/networks/searched/searches", "application/json", SEARCH);
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      location = started.headers().firstValue("Location").orElseThrow();
      running =
          await()
              .atMost(FINISH)
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () ->
                      Jobs.all(database).stream()
                          .filter(j -> j.network().equals("searched"))
                          .filter(j -> j.status().equals("RUNNING") && j.epoch() >= 5)
                          .filter(j -> j.owner().startsWith(b.ownerPrefix()))
                          .findFirst()
                          .orElse(null),
                  j -> j != null);
      a.resumeTraining();
      b.kill();
    }

    JsonNode search = Iris.awaitFinished(a.http(), location, FINISH);
    assertThat(search.path("status").asString()).as(search.toString()).isEqualTo("SUCCEEDED");
    List<Jobs.Row> jobs =
        Jobs.all(database).stream().filter(j -> j.network().equals("searched")).toList();
    assertThat(jobs).as("one job per candidate, no more").hasSize(3);
    assertThat(jobs).allMatch(j -> j.status().equals("SUCCEEDED") && j.resultVersion() == null);
    assertThat(Jobs.get(database, running.id()).attempts()).as("taken over").isEqualTo(2);
    assertThat(search.path("candidates").valueStream().map(c -> c.path("job").asString()))
        .containsExactlyInAnyOrderElementsOf(jobs.stream().map(Jobs.Row::id).toList());
    assertThat(search.path("leaderboard").size()).isEqualTo(3);

    JsonNode versions = Iris.json(a.http().get("/api/v1/networks/searched/versions").body());
    assertThat(versions.path("items").size()).as(versions.toString()).isEqualTo(1);
    assertThat(versions.path("items").get(0).path("trainingJob").asString())
        .isEqualTo(search.path("best").path("job").asString());
    assertThat(search.path("resultVersion").asInt()).isEqualTo(1);
  }
}
