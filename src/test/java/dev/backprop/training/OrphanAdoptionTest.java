package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.network.Api;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A claim whose answer was lost with its connection leaves a job RUNNING on this replica with no
 * worker on it, and while the database was away its lease may have run out. The heartbeat adopts it
 * and renews its lease before it re-queues expired jobs, so the job goes on in its one attempt
 * rather than being re-queued from under the worker just started and claimed a second time (seen in
 * TrainingThroughDatabaseFailuresTest, attempts 2).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"backprop.training.lease-duration=3s", "backprop.training.heartbeat-interval=1s"})
@ActiveProfiles("test")
class OrphanAdoptionTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void aJobHeldHereWhoseLeaseRanOutIsAdoptedInItsOneAttempt() throws Exception {
    Api api = new Api(port);
    String job =
        api.irisJob(
            "orphan",
            "{ \"dataset\": \"orphan\", \"epochs\": 100000, \"batchSize\": 1, \"seed\": 3 }");
    String id = job.substring(job.lastIndexOf('/') + 1);
    api.awaitStatus(job, "RUNNING");
    String owner = column(id, "owner", String.class);
    api.post(job + "/cancel").ok(202);
    api.awaitStatus(job, "CANCELLED");

    // As a lost claim leaves it: RUNNING here, attempt 1, no worker, its lease run out.
    OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
    int updated =
        jdbc.sql(
                "UPDATE training_jobs SET status = 'RUNNING', owner = ?, lease_until = ?,"
                    + " attempts = 1, finished_at = NULL, error_title = NULL,"
                    + " error_detail = NULL WHERE id = ?")
            .params(owner, anHourAgo, id)
            .update();
    assertThat(updated).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> column(id, "lease_until", OffsetDateTime.class).isAfter(anHourAgo));
    Thread.sleep(3_000); // three heartbeats: a re-queue and a second claim would show by now
    assertThat(column(id, "status", String.class)).isEqualTo("RUNNING");
    assertThat(column(id, "owner", String.class)).isEqualTo(owner);
    assertThat(column(id, "attempts", Integer.class)).isEqualTo(1);

    api.post(job + "/cancel").ok(202);
    api.awaitStatus(job, "CANCELLED");
  }

  private <T> T column(String id, String name, Class<T> type) {
    return jdbc.sql("SELECT " + name + " FROM training_jobs WHERE id = ?")
        .param(id)
        .query(type)
        .single();
  }
}
