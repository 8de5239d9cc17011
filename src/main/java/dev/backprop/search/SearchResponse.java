package dev.backprop.search;

import dev.backprop.training.EpochRecord;
import dev.backprop.training.JobSettings;
import dev.backprop.training.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A search as {@code GET /api/v1/searches/{id}} answers it.
 *
 * @param id the search's id
 * @param network the network it trains
 * @param status QUEUED (no candidate started yet), RUNNING, SUCCEEDED (it made a version), FAILED
 *     (no candidate succeeded) or CANCELLED
 * @param strategy grid or random
 * @param metric what the leaderboard ranks by
 * @param seed the seed of the random draw
 * @param maxCandidates as asked, or null
 * @param maxDuration as asked (ISO-8601), or null
 * @param space the hyperparameters' values, as asked
 * @param candidates every candidate, in the order the strategy chose them
 * @param leaderboard every candidate that succeeded, best first (ascending for losses, descending
 *     for accuracies)
 * @param best the leaderboard's first entry, null until the search has one
 * @param resultVersion the version made from the best candidate, once SUCCEEDED
 */
public record SearchResponse(
    UUID id,
    String network,
    JobStatus status,
    String strategy,
    String metric,
    long seed,
    Integer maxCandidates,
    String maxDuration,
    Map<String, List<Object>> space,
    List<Candidate> candidates,
    List<Entry> leaderboard,
    Entry best,
    Integer resultVersion,
    Instant createdAt,
    Instant finishedAt) {

  /**
   * One candidate.
   *
   * @param job the candidate's training job
   * @param hyperparameters its values from the space
   * @param settings its full training settings
   * @param status its job's status
   * @param metrics once it succeeded, those of the epoch whose weights it keeps (the best under
   *     early stopping, else the last); before, those of its last epoch; null before the first
   */
  public record Candidate(
      UUID job,
      Map<String, Object> hyperparameters,
      JobSettings settings,
      JobStatus status,
      EpochRecord metrics) {}

  /**
   * A place on the leaderboard.
   *
   * @param job the candidate's training job
   * @param hyperparameters its values from the space
   * @param settings its full training settings
   * @param value its metric
   */
  public record Entry(
      UUID job, Map<String, Object> hyperparameters, JobSettings settings, double value) {}
}
