package dev.backprop.training;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted job queue. Every change of status is a conditional UPDATE on the current status
 * (and, for running jobs, the owning replica), so two replicas can never both claim or both finish
 * a job.
 */
@Repository
class TrainingJobRepository {

  private static final String COLUMNS =
      "id, network_name, status, request, epoch, epochs, metrics, result_version, error_type,"
          + " error_title, error_detail, attempts, owner, created_at, started_at, finished_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TrainingJobRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID id, String network, JobSettings settings, Instant createdAt) {
    jdbc.sql(
            "INSERT INTO training_jobs (id, network_name, status, request, seed, epoch, epochs,"
                + " attempts, created_at) VALUES (?, ?, 'QUEUED', ?, ?, 0, ?, 0, ?)")
        .params(
            id.toString(),
            network,
            json.writeValueAsString(settings),
            settings.seed(),
            settings.epochs(),
            time(createdAt))
        .update();
  }

  Optional<TrainingJob> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE id = ?")
        .param(id.toString())
        .query(this::row)
        .optional();
  }

  List<TrainingJob> page(String network, JobStatus status, long offset, int size) {
    Filter filter = Filter.of(network, status);
    List<Object> params = new ArrayList<>(filter.params);
    params.add(size);
    params.add(offset);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM training_jobs"
                + filter.where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
        .params(params)
        .query(this::row)
        .list();
  }

  long count(String network, JobStatus status) {
    Filter filter = Filter.of(network, status);
    return jdbc.sql("SELECT COUNT(*) FROM training_jobs" + filter.where)
        .params(filter.params)
        .query(Long.class)
        .single();
  }

  List<EpochRecord> history(UUID id, int afterEpoch) {
    return jdbc.sql(
            "SELECT epoch, loss, validation_loss, accuracy, validation_accuracy"
                + " FROM training_job_epochs WHERE job_id = ? AND epoch > ? ORDER BY epoch")
        .params(id.toString(), afterEpoch)
        .query(
            (rs, n) ->
                new EpochRecord(
                    rs.getInt(1),
                    rs.getDouble(2),
                    nullableDouble(rs, 3),
                    nullableDouble(rs, 4),
                    nullableDouble(rs, 5)))
        .list();
  }

  /** Claims the oldest queued job for {@code owner}, if any. */
  Optional<UUID> claimNext(String owner, Instant now, Instant leaseUntil) {
    List<String> candidates =
        jdbc.sql(
                "SELECT id FROM training_jobs WHERE status = 'QUEUED'"
                    + " ORDER BY created_at, id LIMIT 8")
            .query(String.class)
            .list();
    for (String id : candidates) {
      int claimed =
          jdbc.sql(
                  "UPDATE training_jobs SET status = 'RUNNING', owner = ?, lease_until = ?,"
                      + " attempts = attempts + 1, started_at = COALESCE(started_at, ?)"
                      + " WHERE id = ? AND status = 'QUEUED'")
              .params(owner, time(leaseUntil), time(now), id)
              .update();
      if (claimed == 1) {
        return Optional.of(UUID.fromString(id));
      }
    }
    return Optional.empty();
  }

  /**
   * Stores one finished epoch and renews the lease, if the job is still running here. Returns false
   * when it is not (cancelled, or handed to another replica): the caller stops.
   */
  boolean recordEpoch(UUID id, String owner, EpochRecord epoch, Instant leaseUntil) {
    int updated =
        jdbc.sql(
                "UPDATE training_jobs SET epoch = ?, metrics = ?, lease_until = ?"
                    + " WHERE id = ? AND owner = ? AND status = 'RUNNING'")
            .params(
                epoch.epoch(),
                json.writeValueAsString(epoch),
                time(leaseUntil),
                id.toString(),
                owner)
            .update();
    if (updated == 0) {
      return false;
    }
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
    return true;
  }

  /**
   * Ends a job running here; false if it was no longer running here. The owner stays, to tell which
   * replica ran the job to its end.
   */
  boolean finish(
      UUID id, String owner, JobStatus status, Integer resultVersion, JobError error, Instant now) {
    return jdbc.sql(
                "UPDATE training_jobs SET status = ?, result_version = ?, error_type = ?,"
                    + " error_title = ?, error_detail = ?, finished_at = ?, lease_until = NULL"
                    + " WHERE id = ? AND owner = ? AND status = 'RUNNING'")
            .params(
                status.name(),
                resultVersion,
                error == null ? null : error.type().toString(),
                error == null ? null : error.title(),
                error == null ? null : error.detail(),
                time(now),
                id.toString(),
                owner)
            .update()
        == 1;
  }

  /** Puts a job running here back in the queue, as when this replica shuts down. */
  boolean release(UUID id, String owner) {
    return jdbc.sql(
                "UPDATE training_jobs SET status = 'QUEUED', owner = NULL, lease_until = NULL"
                    + " WHERE id = ? AND owner = ? AND status = 'RUNNING'")
            .params(id.toString(), owner)
            .update()
        == 1;
  }

  /** Cancels a queued or running job; false if it had already finished. */
  boolean cancel(UUID id, Instant now) {
    return jdbc.sql(
                "UPDATE training_jobs SET status = 'CANCELLED', finished_at = ?, owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")
            .params(time(now), id.toString())
            .update()
        == 1;
  }

  int cancelForNetwork(String network, Instant now) {
    return jdbc.sql(
            "UPDATE training_jobs SET status = 'CANCELLED', finished_at = ?, owner = NULL,"
                + " lease_until = NULL WHERE network_name = ? AND status IN ('QUEUED', 'RUNNING')")
        .params(time(now), network)
        .update();
  }

  /** Fails a queued or running job that cannot run, such as one whose network is gone. */
  boolean fail(UUID id, JobError error, Instant now) {
    return jdbc.sql(
                "UPDATE training_jobs SET status = 'FAILED', error_type = ?, error_title = ?,"
                    + " error_detail = ?, finished_at = ?, owner = NULL, lease_until = NULL"
                    + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")
            .params(
                error.type().toString(), error.title(), error.detail(), time(now), id.toString())
            .update()
        == 1;
  }

  JobStatus status(UUID id) {
    return jdbc.sql("SELECT status FROM training_jobs WHERE id = ?")
        .param(id.toString())
        .query(String.class)
        .optional()
        .map(JobStatus::valueOf)
        .orElse(JobStatus.CANCELLED);
  }

  /**
   * Renews the leases of the given jobs, each only while it is still running here. Only jobs that a
   * worker here really runs are renewed: a job this replica claimed but failed to start must expire
   * and go back to the queue, not be kept alive by the heartbeat for ever.
   */
  int renewLeases(String owner, Collection<UUID> ids, Instant leaseUntil) {
    int renewed = 0;
    for (UUID id : ids) {
      renewed +=
          jdbc.sql(
                  "UPDATE training_jobs SET lease_until = ?"
                      + " WHERE id = ? AND owner = ? AND status = 'RUNNING'")
              .params(time(leaseUntil), id.toString(), owner)
              .update();
    }
    return renewed;
  }

  /**
   * Hands running jobs whose lease ran out (their replica died) back to the queue, or fails them
   * once they have used up their attempts. Returns how many were handed back.
   */
  int recoverExpired(Instant now, int maxAttempts, JobError exhausted) {
    jdbc.sql(
            "UPDATE training_jobs SET status = 'FAILED', error_type = ?, error_title = ?,"
                + " error_detail = ?, finished_at = ?, owner = NULL, lease_until = NULL"
                + " WHERE status = 'RUNNING' AND lease_until < ? AND attempts >= ?")
        .params(
            exhausted.type().toString(),
            exhausted.title(),
            exhausted.detail(),
            time(now),
            time(now),
            maxAttempts)
        .update();
    return jdbc.sql(
            "UPDATE training_jobs SET status = 'QUEUED', owner = NULL, lease_until = NULL"
                + " WHERE status = 'RUNNING' AND lease_until < ?")
        .param(time(now))
        .update();
  }

  /** Clears the epochs of an attempt that was cut short, so a restart reports a clean history. */
  void resetProgress(UUID id) {
    jdbc.sql("DELETE FROM training_job_epochs WHERE job_id = ?").param(id.toString()).update();
    jdbc.sql("UPDATE training_jobs SET epoch = 0, metrics = NULL WHERE id = ?")
        .param(id.toString())
        .update();
  }

  List<Object[]> countByStatus() {
    return jdbc.sql("SELECT status, COUNT(*) FROM training_jobs GROUP BY status")
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
        .list();
  }

  private TrainingJob row(ResultSet rs, int rowNum) throws SQLException {
    String metrics = rs.getString("metrics");
    String errorType = rs.getString("error_type");
    int resultVersion = rs.getInt("result_version");
    boolean noVersion = rs.wasNull();
    JobStatus status = JobStatus.valueOf(rs.getString("status"));
    return new TrainingJob(
        UUID.fromString(rs.getString("id")),
        rs.getString("network_name"),
        status,
        json.readValue(rs.getString("request"), JobSettings.class),
        rs.getInt("epoch"),
        rs.getInt("epochs"),
        metrics == null ? null : json.readValue(metrics, EpochRecord.class),
        noVersion ? null : resultVersion,
        errorType == null
            ? null
            : new JobError(
                URI.create(errorType), rs.getString("error_title"), rs.getString("error_detail")),
        rs.getInt("attempts"),
        rs.getString("owner"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private record Filter(String where, List<Object> params) {
    static Filter of(String network, JobStatus status) {
      List<String> clauses = new ArrayList<>();
      List<Object> params = new ArrayList<>();
      if (network != null) {
        clauses.add("network_name = ?");
        params.add(network);
      }
      if (status != null) {
        clauses.add("status = ?");
        params.add(status.name());
      }
      return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }
  }
}
