package dev.backprop.search;

import dev.backprop.training.JobSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A checked search request: how to rank, and the candidates to run.
 *
 * @param settings each candidate's training settings, in order
 * @param values each candidate's hyperparameter values from the space, in the same order
 */
record SearchPlan(
    SearchStrategy strategy,
    SearchMetric metric,
    long seed,
    Integer maxCandidates,
    Duration maxDuration,
    Map<String, List<JsonNode>> space,
    List<JobSettings> settings,
    List<Map<String, JsonNode>> values) {

  /** What is stored of the plan: the request as it was understood, defaults filled in. */
  StoredRequest stored() {
    return new StoredRequest(
        strategy.apiName(),
        metric.apiName(),
        seed,
        maxCandidates,
        maxDuration == null ? null : maxDuration.toString(),
        space);
  }

  /**
   * A search's request as stored and answered.
   *
   * @param maxDuration ISO-8601, or null
   */
  record StoredRequest(
      String strategy,
      String metric,
      long seed,
      Integer maxCandidates,
      String maxDuration,
      Map<String, List<JsonNode>> space) {}
}
