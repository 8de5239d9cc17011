package dev.backprop.search;

import dev.backprop.network.NetworkService;
import dev.backprop.search.SearchRepository.SearchRow;
import dev.backprop.search.SearchResponse.Entry;
import dev.backprop.training.CandidateJobs;
import dev.backprop.training.JobStatus;
import dev.backprop.training.KeptResult;
import dev.backprop.training.TrainingJobEndedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends searches: when their last candidate ends (on the replica where it ended) and, on every
 * replica each {@code backprop.search.check-interval}, any search whose candidates are all done or
 * whose {@code maxDuration} has passed. So a search ends even when the replica that ran its last
 * candidate was killed, and a replica that comes up ends the searches left waiting. Whichever
 * replica gets there first ends it: the end is one conditional UPDATE, in the same transaction as
 * the version made from the best candidate.
 */
@Component
class SearchCompletion {

  private static final Logger log = LoggerFactory.getLogger(SearchCompletion.class);

  private final SearchRepository searches;
  private final SearchViews views;
  private final CandidateJobs candidates;
  private final NetworkService networks;
  private final TransactionTemplate transactions;
  private final Clock clock;

  SearchCompletion(
      SearchRepository searches,
      SearchViews views,
      CandidateJobs candidates,
      NetworkService networks,
      TransactionTemplate transactions,
      Clock clock) {
    this.searches = searches;
    this.views = views;
    this.candidates = candidates;
    this.networks = networks;
    this.transactions = transactions;
    this.clock = clock;
  }

  @EventListener
  void onJobEnded(TrainingJobEndedEvent event) {
    if (event.search() != null) {
      check(event.search());
    }
  }

  @Scheduled(
      fixedDelayString = "${backprop.search.check-interval:2s}",
      initialDelayString = "${backprop.search.check-interval:2s}")
  void checkAll() {
    try {
      searches.unfinished().forEach(this::check);
    } catch (RuntimeException e) {
      log.warn("Could not look for searches to end: {}", e.toString());
    }
  }

  /** Ends the search if its candidates are all done or its time is up; else notes its progress. */
  void check(UUID id) {
    try {
      SearchRow row = searches.find(id).orElse(null);
      if (row == null || row.status().isFinished()) {
        return;
      }
      SearchResponse search = views.of(row);
      boolean expired = row.deadline() != null && clock.instant().isAfter(row.deadline());
      boolean done = search.candidates().stream().allMatch(c -> c.status().isFinished());
      if (expired && !done) {
        candidates.cancel(id); // the rest is cancelled; the search ends with what succeeded
        search = views.of(row);
      } else if (!done) {
        if (search.status() == JobStatus.RUNNING && row.status() == JobStatus.QUEUED) {
          searches.markRunning(id);
        }
        return;
      }
      end(row, search.best());
    } catch (RuntimeException e) {
      log.warn("Could not end search {}: {}", id, e.toString());
    }
  }

  /** SUCCEEDED with one version of the best candidate, or FAILED when none succeeded. */
  private void end(SearchRow row, Entry best) {
    transactions.executeWithoutResult(
        tx -> {
          Instant now = clock.instant();
          JobStatus status = best == null ? JobStatus.FAILED : JobStatus.SUCCEEDED;
          if (!searches.finish(row.id(), status, best == null ? null : best.job(), now)) {
            return; // ended meanwhile, here or on another replica, or cancelled
          }
          if (best != null) {
            KeptResult kept = candidates.kept(best.job()).orElseThrow();
            int version =
                networks.addVersion(
                    row.network(), best.job(), kept.metrics(), kept.labels(), kept.model());
            searches.setResultVersion(row.id(), version);
            log.info("Search {} ended: version {} from job {}", row.id(), version, best.job());
          }
          candidates.dropKept(row.id());
        });
  }
}
