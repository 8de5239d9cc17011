package dev.backprop.training;

import dev.backprop.engine.Model;
import dev.backprop.engine.ModelCodec;
import dev.backprop.network.VersionMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The parameters and metrics that search candidates keep beside their jobs. */
@Repository
class KeptResultRepository {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  KeptResultRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID job, VersionMetrics metrics, List<String> labels, Model model) {
    jdbc.sql(
            "INSERT INTO training_job_results (job_id, metrics, labels, model) VALUES (?, ?, ?, ?)")
        .params(
            job.toString(),
            json.writeValueAsString(metrics),
            labels == null ? null : json.writeValueAsString(labels),
            ModelCodec.encode(model))
        .update();
  }

  Optional<KeptResult> find(UUID job) {
    return jdbc.sql(
            "SELECT metrics, labels, model FROM training_job_results"
                + " WHERE job_id = ? AND model IS NOT NULL")
        .param(job.toString())
        .query(
            (rs, n) -> {
              String labels = rs.getString("labels");
              return new KeptResult(
                  job,
                  json.readValue(rs.getString("metrics"), VersionMetrics.class),
                  labels == null ? null : List.of(json.readValue(labels, String[].class)),
                  ModelCodec.decode(rs.getBytes("model")));
            })
        .optional();
  }

  /** The kept metrics of every candidate of a search that succeeded, by job. */
  Map<UUID, VersionMetrics> metricsOfSearch(UUID search) {
    Map<UUID, VersionMetrics> metrics = new HashMap<>();
    jdbc.sql(
            "SELECT r.job_id, r.metrics FROM training_job_results r"
                + " JOIN training_jobs j ON j.id = r.job_id WHERE j.search_id = ?")
        .param(search.toString())
        .query(
            (RowCallbackHandler)
                rs ->
                    metrics.put(
                        UUID.fromString(rs.getString(1)),
                        json.readValue(rs.getString(2), VersionMetrics.class)));
    return metrics;
  }

  /**
   * Drops the parameters a search's candidates kept, once the search has made its version (or
   * none); their metrics stay for the leaderboard.
   */
  int dropModels(UUID search) {
    return jdbc.sql(
            "UPDATE training_job_results SET model = NULL WHERE job_id IN"
                + " (SELECT id FROM training_jobs WHERE search_id = ?)")
        .param(search.toString())
        .update();
  }
}
