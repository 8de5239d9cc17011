package dev.backprop.search;

import dev.backprop.network.VersionMetrics;
import dev.backprop.search.SearchPlan.StoredRequest;
import dev.backprop.search.SearchRepository.CandidateRef;
import dev.backprop.search.SearchRepository.SearchRow;
import dev.backprop.search.SearchResponse.Candidate;
import dev.backprop.search.SearchResponse.Entry;
import dev.backprop.training.CandidateJobs;
import dev.backprop.training.EpochRecord;
import dev.backprop.training.JobSettings;
import dev.backprop.training.JobStatus;
import dev.backprop.training.TrainingJobResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A stored search with its candidates' jobs as clients see it: candidates and leaderboard. */
@Component
class SearchViews {

  private final CandidateJobs candidates;

  SearchViews(CandidateJobs candidates) {
    this.candidates = candidates;
  }

  SearchResponse of(SearchRow row) {
    Map<UUID, TrainingJobResponse> jobs = candidates.of(row.id());
    Map<UUID, VersionMetrics> kept = candidates.keptMetrics(row.id());
    StoredRequest request = row.request();
    SearchMetric metric = SearchMetric.fromName(request.metric()).orElseThrow();
    Map<UUID, JobSettings> settings = new HashMap<>();
    jobs.forEach((id, job) -> settings.put(id, job.settings()));
    List<Entry> leaderboard = Leaderboard.rank(metric, row.candidates(), kept, settings);
    List<Candidate> list =
        row.candidates().stream().map(c -> candidate(c, jobs.get(c.job()), kept)).toList();
    return new SearchResponse(
        row.id(),
        row.network(),
        status(row, list),
        request.strategy(),
        request.metric(),
        request.seed(),
        request.maxCandidates(),
        request.maxDuration(),
        space(request.space()),
        list,
        leaderboard,
        leaderboard.isEmpty() ? null : leaderboard.get(0),
        row.resultVersion(),
        row.createdAt(),
        row.finishedAt());
  }

  static Candidate candidate(
      CandidateRef ref, TrainingJobResponse job, Map<UUID, VersionMetrics> kept) {
    if (job == null) { // a job that is gone
      return new Candidate(
          ref.job(), new LinkedHashMap<>(ref.values()), null, JobStatus.CANCELLED, null);
    }
    VersionMetrics best = kept.get(ref.job());
    EpochRecord metrics =
        best == null
            ? job.metrics()
            : new EpochRecord(
                best.bestEpoch(),
                best.loss(),
                best.validationLoss(),
                best.accuracy(),
                best.validationAccuracy());
    return new Candidate(
        ref.job(), new LinkedHashMap<>(ref.values()), job.settings(), job.status(), metrics);
  }

  /** The space as answered: the values as they were given. */
  private static Map<String, List<Object>> space(Map<String, List<JsonNode>> space) {
    Map<String, List<Object>> answered = new LinkedHashMap<>();
    space.forEach((name, values) -> answered.put(name, List.copyOf(values)));
    return answered;
  }

  /** A search not ended yet is RUNNING from the moment one of its candidates has started. */
  private static JobStatus status(SearchRow row, List<Candidate> candidates) {
    if (row.status() == JobStatus.QUEUED
        && candidates.stream().anyMatch(c -> c.status() != JobStatus.QUEUED)) {
      return JobStatus.RUNNING;
    }
    return row.status();
  }
}
