package dev.backprop.training;

import dev.backprop.storage.Timestamps;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored training jobs as clients read them: insert, find, list, count, and each job's epochs.
 * Every later change of a job goes through {@link JobQueue}.
 */
@Repository
class TrainingJobRepository {

  private static final String COLUMNS =
      "id, network_name, status, request, epoch, epochs, metrics, result_version, error_type,"
          + " error_title, error_detail, attempts, owner, created_at, started_at, finished_at,"
          + " search_id";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TrainingJobRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID id, String network, JobSettings settings, Instant createdAt) {
    insert(id, network, settings, createdAt, null);
  }

  /** Inserts a queued job; {@code search} names the search it is a candidate of, or is null. */
  void insert(UUID id, String network, JobSettings settings, Instant createdAt, UUID search) {
    jdbc.sql(
            "INSERT INTO training_jobs (id, network_name, status, request, seed, epoch, epochs,"
                + " attempts, created_at, search_id) VALUES (?, ?, ?, ?, ?, 0, ?, 0, ?, ?)")
        .params(
            id.toString(),
            network,
            JobStatus.QUEUED.name(),
            json.writeValueAsString(settings),
            settings.seed(),
            settings.epochs(),
            time(createdAt),
            search == null ? null : search.toString())
        .update();
  }

  /** The queued and running jobs (few: at most max-queued-jobs, and those running). */
  List<TrainingJob> active() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE status IN (?, ?)")
        .params(JobStatus.QUEUED.name(), JobStatus.RUNNING.name())
        .query(this::row)
        .list();
  }

  Optional<TrainingJob> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE id = ?")
        .param(id.toString())
        .query(this::row)
        .optional();
  }

  /** The candidates of a search, in the order they were submitted. */
  List<TrainingJob> ofSearch(UUID search) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM training_jobs WHERE search_id = ? ORDER BY created_at, id")
        .param(search.toString())
        .query(this::row)
        .list();
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

  /** Every stored epoch after {@code afterEpoch}, in order (the event streams' increments). */
  List<EpochRecord> history(UUID id, int afterEpoch) {
    return epochs("epoch > ?", id.toString(), afterEpoch);
  }

  /** The epochs from {@code first} to {@code last}, both included, in order (a page). */
  List<EpochRecord> history(UUID id, int first, int last) {
    return epochs("epoch BETWEEN ? AND ?", id.toString(), first, last);
  }

  /**
   * Epochs 1, 1+stride, 1+2*stride, ... up to {@code last}, and {@code last} itself. Epochs past
   * {@code last} (stored since the job's row was read) are left for the next poll.
   */
  List<EpochRecord> thinnedHistory(UUID id, int last, int stride) {
    if (stride == 1) {
      return epochs("epoch <= ?", id.toString(), last);
    }
    return epochs(
        "epoch <= ? AND (MOD(epoch - 1, ?) = 0 OR epoch = ?)", id.toString(), last, stride, last);
  }

  private List<EpochRecord> epochs(String where, Object... params) {
    return jdbc.sql(
            "SELECT epoch, loss, validation_loss, accuracy, validation_accuracy"
                + " FROM training_job_epochs WHERE job_id = ? AND "
                + where
                + " ORDER BY epoch")
        .params(params)
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

  /** A job's status now; CANCELLED for one that is gone, so that a worker polling it stops. */
  JobStatus status(UUID id) {
    return jdbc.sql("SELECT status FROM training_jobs WHERE id = ?")
        .param(id.toString())
        .query(String.class)
        .optional()
        .map(JobStatus::valueOf)
        .orElse(JobStatus.CANCELLED);
  }

  /** How many jobs there are in each status, over all replicas. */
  Map<JobStatus, Long> countByStatus() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    jdbc.sql("SELECT status, COUNT(*) FROM training_jobs GROUP BY status")
        .query(
            (RowCallbackHandler)
                rs -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    return counts;
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
        instant(rs, "finished_at"),
        uuid(rs.getString("search_id")));
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return Timestamps.read(rs, column);
  }

  static OffsetDateTime time(Instant instant) {
    return Timestamps.of(instant);
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
