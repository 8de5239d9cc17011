package dev.backprop.search;

import dev.backprop.search.SearchPlan.StoredRequest;
import dev.backprop.storage.Timestamps;
import dev.backprop.training.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored searches. A search ends (SUCCEEDED, FAILED or CANCELLED) by one conditional UPDATE on a
 * search that has not ended, so of several replicas trying at once, or a cancel racing an end,
 * exactly one succeeds: the database's row lock orders them and the loser matches no row.
 */
@Repository
class SearchRepository {

  private static final String COLUMNS =
      "id, network_name, status, request, candidates, deadline, best_job, result_version,"
          + " created_at, finished_at";
  private static final String UNFINISHED = "status IN ('QUEUED', 'RUNNING')";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SearchRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * A stored search.
   *
   * @param candidates the candidates' jobs in the strategy's order, with their values
   * @param deadline when {@code maxDuration} runs out, or null
   */
  record SearchRow(
      UUID id,
      String network,
      JobStatus status,
      StoredRequest request,
      List<CandidateRef> candidates,
      Instant deadline,
      UUID bestJob,
      Integer resultVersion,
      Instant createdAt,
      Instant finishedAt) {}

  /** A candidate's job and its values from the space. */
  record CandidateRef(UUID job, Map<String, JsonNode> values) {}

  void insert(SearchRow row) {
    jdbc.sql(
            "INSERT INTO searches (id, network_name, status, request, candidates, deadline,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            row.id().toString(),
            row.network(),
            row.status().name(),
            json.writeValueAsString(row.request()),
            json.writeValueAsString(row.candidates()),
            Timestamps.of(row.deadline()),
            Timestamps.of(row.createdAt()))
        .update();
  }

  Optional<SearchRow> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM searches WHERE id = ?")
        .param(id.toString())
        .query(this::row)
        .optional();
  }

  List<SearchRow> page(String network, long offset, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM searches WHERE (CAST(? AS VARCHAR(63)) IS NULL OR network_name = ?)"
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
        .params(network, network, size, offset)
        .query(this::row)
        .list();
  }

  long count(String network) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM searches"
                + " WHERE (CAST(? AS VARCHAR(63)) IS NULL OR network_name = ?)")
        .params(network, network)
        .query(Long.class)
        .single();
  }

  /** The searches that have not ended, on any replica. */
  List<UUID> unfinished() {
    return jdbc
        .sql("SELECT id FROM searches WHERE " + UNFINISHED + " ORDER BY created_at")
        .query(String.class)
        .list()
        .stream()
        .map(UUID::fromString)
        .toList();
  }

  /** Ends a search that has not ended; false when it already had (here or on another replica). */
  boolean finish(UUID id, JobStatus status, UUID bestJob, Instant now) {
    return jdbc.sql(
                "UPDATE searches SET status = ?, best_job = ?, finished_at = ?"
                    + " WHERE id = ? AND "
                    + UNFINISHED)
            .params(
                status.name(),
                bestJob == null ? null : bestJob.toString(),
                Timestamps.of(now),
                id.toString())
            .update()
        == 1;
  }

  /** Records the version made from the best candidate, in the transaction that finished it. */
  void setResultVersion(UUID id, int version) {
    jdbc.sql("UPDATE searches SET result_version = ? WHERE id = ?")
        .params(version, id.toString())
        .update();
  }

  /** Notes that a queued search's first candidate started. */
  void markRunning(UUID id) {
    jdbc.sql("UPDATE searches SET status = 'RUNNING' WHERE id = ? AND status = 'QUEUED'")
        .param(id.toString())
        .update();
  }

  /** Cancels the searches of a deleted network that had not ended. */
  int cancelForNetwork(String network, Instant now) {
    return jdbc.sql(
            "UPDATE searches SET status = 'CANCELLED', finished_at = ? WHERE network_name = ? AND "
                + UNFINISHED)
        .params(Timestamps.of(now), network)
        .update();
  }

  /** How many searches there are in each status, over all replicas. */
  Map<JobStatus, Long> countByStatus() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    jdbc.sql("SELECT status, COUNT(*) FROM searches GROUP BY status")
        .query(
            (RowCallbackHandler)
                rs -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    return counts;
  }

  private SearchRow row(ResultSet rs, int rowNum) throws SQLException {
    String best = rs.getString("best_job");
    int version = rs.getInt("result_version");
    boolean noVersion = rs.wasNull();
    return new SearchRow(
        UUID.fromString(rs.getString("id")),
        rs.getString("network_name"),
        JobStatus.valueOf(rs.getString("status")),
        json.readValue(rs.getString("request"), StoredRequest.class),
        List.of(json.readValue(rs.getString("candidates"), CandidateRef[].class)),
        Timestamps.read(rs, "deadline"),
        best == null ? null : UUID.fromString(best),
        noVersion ? null : version,
        Timestamps.read(rs, "created_at"),
        Timestamps.read(rs, "finished_at"));
  }
}
