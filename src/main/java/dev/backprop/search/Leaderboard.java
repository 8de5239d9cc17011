package dev.backprop.search;

import dev.backprop.network.VersionMetrics;
import dev.backprop.search.SearchRepository.CandidateRef;
import dev.backprop.search.SearchResponse.Entry;
import dev.backprop.training.JobSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The candidates that succeeded, best first by the search's metric; ties keep their order. */
final class Leaderboard {

  private Leaderboard() {}

  /**
   * @param kept the metrics of the kept epoch of each candidate that succeeded, by job
   * @param settings each candidate's settings, by job
   */
  static List<Entry> rank(
      SearchMetric metric,
      List<CandidateRef> candidates,
      Map<UUID, VersionMetrics> kept,
      Map<UUID, JobSettings> settings) {
    List<Entry> entries = new ArrayList<>();
    for (CandidateRef candidate : candidates) {
      metric
          .of(kept.get(candidate.job()))
          .ifPresent(
              value ->
                  entries.add(
                      new Entry(
                          candidate.job(),
                          new LinkedHashMap<>(candidate.values()),
                          settings.get(candidate.job()),
                          value)));
    }
    entries.sort((a, b) -> metric.compare(a.value(), b.value())); // stable: ties keep their order
    return entries;
  }
}
