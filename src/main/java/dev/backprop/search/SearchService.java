package dev.backprop.search;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.search.SearchRepository.CandidateRef;
import dev.backprop.search.SearchRepository.SearchRow;
import dev.backprop.training.CandidateJobs;
import dev.backprop.training.JobStatus;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts, reads, lists and cancels hyperparameter searches; {@link SearchCompletion} ends them. */
@Service
class SearchService {

  private final SearchPlanner planner;
  private final SearchRepository searches;
  private final SearchViews views;
  private final CandidateJobs candidates;
  private final NetworkService networks;
  private final SearchMetrics metrics;
  private final TransactionTemplate transactions;
  private final Clock clock;

  SearchService(
      SearchPlanner planner,
      SearchRepository searches,
      SearchViews views,
      CandidateJobs candidates,
      NetworkService networks,
      SearchMetrics metrics,
      TransactionTemplate transactions,
      Clock clock) {
    this.planner = planner;
    this.searches = searches;
    this.views = views;
    this.candidates = candidates;
    this.networks = networks;
    this.metrics = metrics;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Checks the request, then stores the search and queues its candidates, all or nothing. */
  SearchResponse start(String network, SearchRequest request) {
    networks.get(network);
    SearchPlan plan = planner.plan(network, request);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        tx -> {
          List<UUID> jobs = candidates.submit(network, plan.settings(), id);
          List<CandidateRef> refs = new ArrayList<>();
          for (int i = 0; i < jobs.size(); i++) {
            refs.add(new CandidateRef(jobs.get(i), plan.values().get(i)));
          }
          Instant deadline = plan.maxDuration() == null ? null : now.plus(plan.maxDuration());
          searches.insert(
              new SearchRow(
                  id,
                  network,
                  JobStatus.QUEUED,
                  plan.stored(),
                  refs,
                  deadline,
                  null,
                  null,
                  now,
                  null));
        });
    metrics.started();
    candidates.wake();
    return get(id);
  }

  SearchResponse get(UUID id) {
    return views.of(find(id));
  }

  PageResponse<SearchResponse> list(String network, PageRequest page) {
    List<SearchResponse> items =
        searches.page(network, page.offset(), page.size()).stream().map(views::of).toList();
    return new PageResponse<>(items, page.page(), page.size(), searches.count(network));
  }

  /** Cancels a search that has not ended and its candidates still queued or running. */
  SearchResponse cancel(UUID id) {
    find(id);
    Boolean cancelled =
        transactions.execute(
            tx -> {
              if (!searches.finish(id, JobStatus.CANCELLED, null, clock.instant())) {
                return false;
              }
              candidates.cancel(id);
              candidates.dropKept(id); // a cancelled search keeps no version
              return true;
            });
    if (!Boolean.TRUE.equals(cancelled)) {
      throw new ConflictException(
          "search " + id + " has already finished (" + find(id).status() + ")");
    }
    return get(id);
  }

  /** The lookup of an id the client sent, as a 404 when it is unknown. */
  SearchRow find(UUID id) {
    return searches.find(id).orElseThrow(() -> new NotFoundException("search " + id));
  }

  @EventListener
  void onNetworkDeleted(NetworkDeletedEvent event) {
    searches.cancelForNetwork(event.name(), clock.instant());
  }
}
