package dev.backprop.training;

import static dev.backprop.training.JobStatus.CANCELLED;
import static dev.backprop.training.JobStatus.FAILED;
import static dev.backprop.training.JobStatus.QUEUED;
import static dev.backprop.training.JobStatus.RUNNING;
import static dev.backprop.training.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.backprop.web.ProblemTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue's conditional updates on a real database: each makes only the moves {@link JobStatus}
 * allows, only for the replica that holds a running job, and never moves a finished job. Run on H2
 * ({@link JobQueueTest}) and on PostgreSQL ({@link JobQueueOnPostgresTest}).
 */
abstract class JobQueueContract {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant LEASE = NOW.plus(Duration.ofSeconds(30));
  static final JobError ABANDONED =
      new JobError(ProblemTypes.TRAINING_ABANDONED, "abandoned", "gone");
  static final JobError BROKEN = new JobError(ProblemTypes.INVALID_DATASET, "broken", "row 2");

  JdbcClient jdbc;
  TrainingJobRepository jobs;
  JobQueue queue;
  int created;

  /** The database under test, already reachable. */
  abstract DataSource dataSource();

  @BeforeEach
  void emptyQueue() {
    DataSource dataSource = dataSource();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("DELETE FROM training_job_epochs").update();
    jdbc.sql("DELETE FROM training_jobs").update();
    JsonMapper json = JsonMapper.builder().build();
    jobs = new TrainingJobRepository(jdbc, json);
    queue = new JobQueue(jdbc, json);
  }

  UUID submit() {
    return insert(NOW.plusSeconds(created++));
  }

  /** A job claimed by {@code owner}: submitted before every queued job, so the claim takes it. */
  UUID running(String owner) {
    UUID id = insert(NOW.minusSeconds(100_000 - created++));
    assertThat(queue.claimNext(owner, NOW, LEASE)).contains(id);
    return id;
  }

  UUID insert(Instant createdAt) {
    UUID id = UUID.randomUUID();
    JobSettings settings =
        new JobSettings(
            "iris", null, 5, 16, 0.05, "adam", 0.9, 0, 0, true, 7, true, null, null, null, null);
    jobs.insert(id, "net", settings, createdAt);
    return id;
  }

  TrainingJob job(UUID id) {
    return jobs.find(id).orElseThrow();
  }

  JobStatus status(UUID id) {
    return job(id).status();
  }

  @Test
  void claimsTakeTheOldestQueuedJobOnceEach() {
    UUID first = submit();
    UUID second = submit();
    assertThat(queue.claimNext("a", NOW, LEASE)).contains(first);
    assertThat(queue.claimNext("b", NOW, LEASE)).contains(second);
    assertThat(queue.claimNext("c", NOW, LEASE)).isEmpty();
    TrainingJob claimed = job(first);
    assertThat(claimed.status()).isEqualTo(RUNNING);
    assertThat(claimed.owner()).isEqualTo("a");
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.startedAt()).isEqualTo(NOW);
    assertThat(job(second).owner()).isEqualTo("b");
  }

  @Test
  void onlyTheOwnerFinishesARunningJobAndOnlyOnce() {
    UUID id = running("a");
    assertThat(queue.finish(id, "b", SUCCEEDED, 1, null, NOW)).isFalse();
    assertThat(status(id)).isEqualTo(RUNNING);
    assertThat(queue.finish(id, "a", SUCCEEDED, 1, null, NOW)).isTrue();
    assertThat(queue.finish(id, "a", FAILED, null, BROKEN, NOW)).isFalse();
    TrainingJob done = job(id);
    assertThat(done.status()).isEqualTo(SUCCEEDED);
    assertThat(done.resultVersion()).isEqualTo(1);
    assertThat(done.error()).isNull();
    assertThat(done.owner()).as("the replica that ran it to its end").isEqualTo("a");
    assertThat(done.finishedAt()).isEqualTo(NOW);
  }

  @Test
  void onlyARunningJobIsFinishedOnlyIntoAnEndAndAFailureKeepsItsProblem() {
    UUID id = submit();
    assertThat(queue.finish(id, "a", SUCCEEDED, 1, null, NOW)).isFalse();
    assertThat(queue.finish(id, null, FAILED, null, BROKEN, NOW)).isFalse();
    assertThat(status(id)).isEqualTo(QUEUED);
    UUID failed = running("a");
    assertThat(queue.finish(failed, "a", FAILED, null, BROKEN, NOW)).isTrue();
    assertThat(job(failed).error())
        .isEqualTo(new JobError(ProblemTypes.INVALID_DATASET, "broken", "row 2"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> queue.finish(id, "a", QUEUED, null, null, NOW));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> queue.finish(id, "a", RUNNING, null, null, NOW));
  }

  @Test
  void cancelStopsQueuedAndRunningJobsAndNothingElse() {
    UUID queued = submit();
    UUID running = running("a");
    assertThat(queue.cancel(queued, NOW)).isTrue();
    assertThat(queue.cancel(running, NOW)).isTrue();
    assertThat(queue.cancel(running, NOW)).as("once").isFalse();
    assertThat(status(queued)).isEqualTo(CANCELLED);
    TrainingJob cancelled = job(running);
    assertThat(cancelled.status()).isEqualTo(CANCELLED);
    assertThat(cancelled.owner()).isNull();
    assertThat(cancelled.finishedAt()).isEqualTo(NOW);
    // The worker that still runs it learns at its next report, and cannot finish it.
    assertThat(queue.recordEpoch(running, "a", new EpochRecord(1, 0.5, null, null, null), LEASE))
        .isFalse();
    assertThat(queue.finish(running, "a", SUCCEEDED, 1, null, NOW)).isFalse();
    assertThat(jobs.history(running, 0)).isEmpty();
  }

  @Test
  void cancellingANetworksJobsLeavesTheFinishedOnes() {
    UUID queued = submit();
    UUID running = running("a");
    UUID done = running("a");
    queue.finish(done, "a", SUCCEEDED, 1, null, NOW);
    assertThat(queue.cancelForNetwork("net", NOW)).isEqualTo(2);
    assertThat(List.of(status(queued), status(running), status(done)))
        .containsExactly(CANCELLED, CANCELLED, SUCCEEDED);
    assertThat(queue.cancelForNetwork("other", NOW)).isZero();
  }

  @Test
  void onlyTheOwnerHandsARunningJobBack() {
    UUID id = running("a");
    assertThat(queue.handBack(id, "b")).isFalse();
    assertThat(queue.handBack(id, "a")).isTrue();
    assertThat(queue.handBack(id, "a")).as("a queued job is not handed back").isFalse();
    TrainingJob back = job(id);
    assertThat(back.status()).isEqualTo(QUEUED);
    assertThat(back.owner()).isNull();
    assertThat(back.attempts()).as("a hand-back is not an attempt").isZero();
    assertThat(queue.claimNext("b", NOW, LEASE)).contains(id);
    assertThat(job(id).attempts()).isEqualTo(1);
    assertThat(job(id).startedAt()).as("the first start").isEqualTo(NOW);
  }

  @Test
  void epochsAreRecordedOnlyByTheOwnerWhileTheJobRuns() {
    UUID id = running("a");
    EpochRecord epoch = new EpochRecord(1, 0.5, 0.6, 0.7, 0.8);
    assertThat(queue.recordEpoch(id, "b", epoch, LEASE)).isFalse();
    assertThat(queue.recordEpoch(id, "a", epoch, LEASE)).isTrue();
    assertThat(job(id).epoch()).isEqualTo(1);
    assertThat(job(id).metrics()).isEqualTo(epoch);
    assertThat(jobs.history(id, 0)).containsExactly(epoch);
    queue.resetProgress(id);
    assertThat(jobs.history(id, 0)).isEmpty();
    assertThat(job(id).epoch()).isZero();
    assertThat(job(id).metrics()).isNull();
  }

  @Test
  void leasesAreRenewedOnlyForJobsStillRunningOnTheReplica() {
    UUID mine = running("a");
    UUID theirs = running("b");
    UUID cancelled = running("a");
    queue.cancel(cancelled, NOW);
    Instant later = LEASE.plusSeconds(60);
    assertThat(queue.renewLeases("a", List.of(mine, theirs, cancelled), later)).isEqualTo(1);
    assertThat(queue.renewLeases("a", List.of(), later)).isZero();
    // Past the first lease, only the renewed job is still held.
    assertThat(queue.recoverExpired(LEASE.plusSeconds(1), 3, ABANDONED)).isEqualTo(1);
    assertThat(List.of(status(mine), status(theirs), status(cancelled)))
        .containsExactly(RUNNING, QUEUED, CANCELLED);
  }

  @Test
  void expiredLeasesGoBackToTheQueueUntilTheAttemptsAreUsedUp() {
    UUID again = submit();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(queue.claimNext("dead", NOW, LEASE)).contains(again);
      if (attempt < 3) { // its replica crashed: the attempt counts
        assertThat(queue.recoverExpired(LEASE.plusSeconds(1), 3, ABANDONED)).isEqualTo(1);
      }
    }
    UUID once = running("dead");
    UUID fresh = running("alive");
    queue.renewLeases("alive", List.of(fresh), LEASE.plusSeconds(60));

    assertThat(queue.recoverExpired(LEASE.plusSeconds(1), 3, ABANDONED)).isEqualTo(1);
    TrainingJob requeued = job(once);
    assertThat(requeued.status()).isEqualTo(QUEUED);
    assertThat(requeued.owner()).isNull();
    TrainingJob exhausted = job(again);
    assertThat(exhausted.status()).isEqualTo(FAILED);
    assertThat(exhausted.attempts()).isEqualTo(3);
    assertThat(exhausted.error().type()).isEqualTo(ProblemTypes.TRAINING_ABANDONED);
    assertThat(exhausted.finishedAt()).isEqualTo(LEASE.plusSeconds(1));
    assertThat(status(fresh)).isEqualTo(RUNNING);
  }

  @Test
  void aFinishedJobNeverMovesAgain() {
    for (JobStatus end : List.of(SUCCEEDED, FAILED, CANCELLED)) {
      UUID id = running("a");
      if (end == CANCELLED) {
        queue.cancel(id, NOW);
      } else {
        queue.finish(id, "a", end, end == SUCCEEDED ? 1 : null, BROKEN, NOW);
      }
      assertThat(queue.claimNext("b", NOW, LEASE)).as(end + ": claim").isEmpty();
      assertThat(queue.cancel(id, NOW)).as(end + ": cancel").isFalse();
      assertThat(queue.handBack(id, "a")).as(end + ": hand back").isFalse();
      assertThat(queue.finish(id, "a", FAILED, null, BROKEN, NOW)).as(end + ": fail").isFalse();
      assertThat(queue.finish(id, "a", SUCCEEDED, 2, null, NOW)).as(end + ": succeed").isFalse();
      assertThat(queue.renewLeases("a", List.of(id), LEASE)).as(end + ": renew").isZero();
      assertThat(queue.recordEpoch(id, "a", new EpochRecord(1, 1, null, null, null), LEASE))
          .as(end + ": record")
          .isFalse();
      assertThat(queue.recoverExpired(LEASE.plusSeconds(600), 1, ABANDONED)).isZero();
      assertThat(status(id)).as(end.name()).isEqualTo(end);
    }
  }

  @Test
  void countsByStatusCoverEveryJob() {
    submit();
    running("a");
    UUID cancelled = submit();
    queue.cancel(cancelled, NOW);
    assertThat(jobs.countByStatus())
        .containsEntry(QUEUED, 1L)
        .containsEntry(RUNNING, 1L)
        .containsEntry(CANCELLED, 1L)
        .doesNotContainKey(SUCCEEDED);
  }
}
