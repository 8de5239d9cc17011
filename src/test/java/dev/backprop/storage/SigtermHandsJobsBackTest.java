package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.Iris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SIGTERM on the embedded default (an H2 file): the running job is back in the queue before the
 * database closes, its start not counted as an attempt, and the process exits within 10 s. The next
 * life finds the job QUEUED, held by no replica, with no attempt used.
 */
class SigtermHandsJobsBackTest {

  @TempDir Path dir;

  @Test
  void aRunningJobIsHandedBackBeforeTheDatabaseClosesAndTheProcessExitsWithinTenSeconds()
      throws Exception {
    Path log = Path.of("target", "sigterm-h2.log");
    String job;
    Duration exit;
    try (ServiceProcess service = ServiceProcess.start(dir, log)) {
      Iris.upload(service.http(), "iris");
      Iris.defineNetwork(service.http(), "sigterm");
      job = Iris.submitLong(service.http(), "sigterm");
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> Iris.json(service.http().get(job).body()),
              j -> j.get("status").asString().equals("RUNNING") && j.get("epoch").asInt() >= 5);
      exit = service.terminate(Duration.ofSeconds(30));
    }
    System.out.printf("Exited %d ms after SIGTERM with a job running%n", exit.toMillis());
    assertThat(exit).isLessThan(Duration.ofSeconds(10));
    assertThat(Files.readString(log)).doesNotContain("Database is already closed");

    try (ServiceProcess next =
        ServiceProcess.start(dir, Path.of("target", "sigterm-h2-next.log"), quiet())) {
      JsonNode after = Iris.json(next.http().get(job).body());
      assertThat(after.get("status").asString()).as(after.toString()).isEqualTo("QUEUED");
      assertThat(after.get("attempts").asInt()).as("a hand-back is not an attempt").isZero();
    }
  }

  private static String quiet() {
    return "--backprop.training.enabled=false";
  }
}
