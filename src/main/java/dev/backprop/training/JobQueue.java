package dev.backprop.training;

import static dev.backprop.training.JobStatus.CANCELLED;
import static dev.backprop.training.JobStatus.FAILED;
import static dev.backprop.training.JobStatus.QUEUED;
import static dev.backprop.training.JobStatus.RUNNING;
import static dev.backprop.training.TrainingJobRepository.time;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted job queue. Every change of a job's status is one conditional UPDATE whose {@code
 * WHERE status IN (...)} comes from {@link JobStatus}'s transition table (and, for a running job,
 * names the replica that owns it), so two replicas can never both claim, finish or hand back a job,
 * and a finished job never moves again: a move the table forbids matches no row.
 *
 * <p>Why hand-written and not db-scheduler or JobRunr: either would run each job once across
 * replicas and take over a dead replica's work, but neither holds what a job is to clients (status,
 * per-epoch history, result version, a failure as a problem detail, lists by network and status),
 * so this table and most of these updates would stay, beside the library's own tables and glue to
 * keep the two in step. A cancel would still have to reach a running job through this table:
 * db-scheduler refuses to touch an execution once it is picked, and JobRunr interrupts the thread,
 * which the engine's batch loop does not watch. db-scheduler also, by default, revives a dead
 * execution with no attempt limit, its Spring Boot 4 support is a starter of its own, and H2 is not
 * among the databases it is tested on. What a library would replace is the claim, lease and
 * recovery SQL here (some 60 lines); it would bring a dependency, its schema and its serialisation
 * of job data.
 */
@Repository
class JobQueue {

  private static final String FAILURE =
      "error_type = :errorType, error_title = :errorTitle, error_detail = :errorDetail";
  private static final String NOT_HELD = "owner = NULL, lease_until = NULL";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  JobQueue(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Claims the oldest queued job for {@code owner}, if any. */
  Optional<UUID> claimNext(String owner, Instant now, Instant leaseUntil) {
    List<String> candidates =
        jdbc.sql(
                "SELECT id FROM training_jobs WHERE status = :queued"
                    + " ORDER BY created_at, id LIMIT 8")
            .param("queued", QUEUED.name())
            .query(String.class)
            .list();
    for (String id : candidates) {
      MapSqlParameterSource values =
          new MapSqlParameterSource("id", id)
              .addValue("owner", owner)
              .addValue("lease", time(leaseUntil))
              .addValue("now", time(now));
      int claimed =
          move(
              RUNNING,
              "owner = :owner, lease_until = :lease, attempts = attempts + 1,"
                  + " started_at = COALESCE(started_at, :now)",
              "id = :id",
              values);
      if (claimed == 1) {
        return Optional.of(UUID.fromString(id));
      }
    }
    return Optional.empty();
  }

  /** The jobs that the database says run on {@code owner}. */
  List<UUID> runningOn(String owner) {
    return jdbc
        .sql("SELECT id FROM training_jobs WHERE status = :running AND owner = :owner")
        .param("running", RUNNING.name())
        .param("owner", owner)
        .query(String.class)
        .list()
        .stream()
        .map(UUID::fromString)
        .toList();
  }

  /**
   * Stores one finished epoch and renews the lease, if the job is still running here. Returns false
   * when it is not (cancelled, or handed to another replica): the caller stops.
   */
  boolean recordEpoch(UUID id, String owner, EpochRecord epoch, Instant leaseUntil) {
    return recordEpochs(id, owner, List.of(epoch), leaseUntil);
  }

  /**
   * Stores finished epochs, in order, and renews the lease, if the job is still running here; the
   * job's own progress becomes the last of them. Returns false when it is not running here (then
   * nothing is stored). Run it in a transaction so that the epochs are stored all or none.
   */
  boolean recordEpochs(UUID id, String owner, List<EpochRecord> epochs, Instant leaseUntil) {
    EpochRecord last = epochs.get(epochs.size() - 1);
    MapSqlParameterSource values =
        new MapSqlParameterSource("ids", List.of(id.toString()))
            .addValue("owner", owner)
            .addValue("epoch", last.epoch())
            .addValue("metrics", json.writeValueAsString(last))
            .addValue("lease", time(leaseUntil));
    if (keepRunning("epoch = :epoch, metrics = :metrics, lease_until = :lease", values) == 0) {
      return false;
    }
    for (EpochRecord epoch : epochs) {
      jdbc.sql(
              "INSERT INTO training_job_epochs (job_id, epoch, loss, validation_loss, accuracy,"
                  + " validation_accuracy) VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              id.toString(),
              epoch.epoch(),
              epoch.loss(),
              epoch.validationLoss(),
              epoch.accuracy(),
              epoch.validationAccuracy())
          .update();
    }
    return true;
  }

  /**
   * Renews the leases of the given jobs, each only while it is still running here. Only jobs that a
   * worker here really runs are renewed: a job this replica claimed but failed to start must expire
   * and go back to the queue, not be kept alive by the heartbeat for ever.
   */
  int renewLeases(String owner, Collection<UUID> ids, Instant leaseUntil) {
    if (ids.isEmpty()) {
      return 0;
    }
    MapSqlParameterSource values =
        new MapSqlParameterSource("ids", ids.stream().map(UUID::toString).toList())
            .addValue("owner", owner)
            .addValue("lease", time(leaseUntil));
    return keepRunning("lease_until = :lease", values);
  }

  /**
   * Ends a job running here as SUCCEEDED (with its version) or FAILED (with its error); false if it
   * was no longer running here. The owner stays, to tell which replica ran the job to its end.
   */
  boolean finish(
      UUID id, String owner, JobStatus status, Integer resultVersion, JobError error, Instant now) {
    if (!status.isFinished()) {
      throw new IllegalArgumentException(status + " does not end a job");
    }
    MapSqlParameterSource values =
        withError(new MapSqlParameterSource("id", id.toString()), error)
            .addValue("owner", owner)
            .addValue("version", resultVersion)
            .addValue("now", time(now));
    String set =
        "result_version = :version, " + FAILURE + ", finished_at = :now, lease_until = NULL";
    return move(status, set, "id = :id AND owner = :owner", values) == 1;
  }

  /**
   * Puts a job running here back in the queue, as when this replica shuts down or lost the
   * database. The start is not counted as an attempt: only a job's own failures and its replica's
   * crashes use up {@code max-attempts}.
   */
  boolean handBack(UUID id, String owner) {
    MapSqlParameterSource values =
        new MapSqlParameterSource("id", id.toString()).addValue("owner", owner);
    String set = NOT_HELD + ", attempts = GREATEST(attempts - 1, 0)";
    return move(QUEUED, set, "id = :id AND owner = :owner", values) == 1;
  }

  /** Cancels a queued or running job; false if it had already finished. */
  boolean cancel(UUID id, Instant now) {
    return move(CANCELLED, "finished_at = :now, " + NOT_HELD, "id = :id", at(now, "id", id)) == 1;
  }

  /** Cancels every queued or running job of a network; how many there were. */
  int cancelForNetwork(String network, Instant now) {
    return move(
        CANCELLED,
        "finished_at = :now, " + NOT_HELD,
        "network_name = :network",
        at(now, "network", network));
  }

  /** Cancels every queued or running candidate of a search; how many there were. */
  int cancelForSearch(UUID search, Instant now) {
    return move(
        CANCELLED,
        "finished_at = :now, " + NOT_HELD,
        "search_id = :search",
        at(now, "search", search));
  }

  /**
   * Hands running jobs whose lease ran out (their replica died) back to the queue, or fails them
   * once they have used up their attempts. Returns how many were handed back.
   */
  int recoverExpired(Instant now, int maxAttempts, JobError exhausted) {
    MapSqlParameterSource values =
        withError(new MapSqlParameterSource("now", time(now)), exhausted)
            .addValue("max", maxAttempts);
    move(
        FAILED,
        FAILURE + ", finished_at = :now, " + NOT_HELD,
        "lease_until < :now AND attempts >= :max",
        values);
    // attempts < :max here too: a job that became visible between the two statements (its row
    // committed after the first looked) must not be re-queued past its last attempt.
    return move(QUEUED, NOT_HELD, "lease_until < :now AND attempts < :max", values);
  }

  /** Clears the epochs of an attempt that was cut short, so a restart reports a clean history. */
  void resetProgress(UUID id) {
    resumeFrom(id, 0, null);
  }

  /**
   * Takes the job's progress back to the end of {@code epoch}, where a checkpoint resumes it: the
   * epochs recorded after it (by an attempt cut short) are cleared, and {@code last} (that epoch's
   * metrics; null for epoch 0) is its latest again.
   */
  void resumeFrom(UUID id, int epoch, EpochRecord last) {
    jdbc.sql("DELETE FROM training_job_epochs WHERE job_id = ? AND epoch > ?")
        .params(id.toString(), epoch)
        .update();
    jdbc.sql("UPDATE training_jobs SET epoch = ?, metrics = ?, resumed_from = ? WHERE id = ?")
        .params(epoch, last == null ? null : json.writeValueAsString(last), epoch, id.toString())
        .update();
  }

  /** Moves the matching jobs to {@code to}: only those in a state the table lets move there. */
  private int move(JobStatus to, String set, String where, MapSqlParameterSource values) {
    return update(to, to.reachableFrom(), set, where, values);
  }

  /** Changes jobs ({@code :ids}) that still run on {@code :owner}, leaving them RUNNING. */
  private int keepRunning(String set, MapSqlParameterSource values) {
    return update(RUNNING, EnumSet.of(RUNNING), set, "id IN (:ids) AND owner = :owner", values);
  }

  /** The one conditional UPDATE every status change and every progress report is. */
  private int update(
      JobStatus to, Set<JobStatus> from, String set, String where, MapSqlParameterSource values) {
    values.addValue("to", to.name()).addValue("from", from.stream().map(JobStatus::name).toList());
    return jdbc.sql(
            "UPDATE training_jobs SET status = :to, "
                + set
                + " WHERE status IN (:from) AND "
                + where)
        .paramSource(values)
        .update();
  }

  private static MapSqlParameterSource at(Instant now, String name, Object value) {
    return new MapSqlParameterSource("now", time(now))
        .addValue(name, value instanceof UUID id ? id.toString() : value);
  }

  private static MapSqlParameterSource withError(MapSqlParameterSource values, JobError error) {
    return values
        .addValue("errorType", error == null ? null : error.type().toString())
        .addValue("errorTitle", error == null ? null : error.title())
        .addValue("errorDetail", error == null ? null : error.detail());
  }
}
