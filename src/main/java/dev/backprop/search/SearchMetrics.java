package dev.backprop.search;

import dev.backprop.training.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The search meters, built once: searches started on this replica, and searches by status over all
 * replicas (recounted from the database every {@code backprop.search.check-interval}).
 */
@Component
class SearchMetrics {

  private final SearchRepository searches;
  private final Counter started;
  private final Map<JobStatus, AtomicLong> byStatus = new EnumMap<>(JobStatus.class);

  SearchMetrics(MeterRegistry registry, SearchRepository searches) {
    this.searches = searches;
    this.started =
        Counter.builder("backprop.searches.started")
            .description("Hyperparameter searches started on this replica")
            .register(registry);
    for (JobStatus status : JobStatus.values()) {
      AtomicLong count = new AtomicLong();
      byStatus.put(status, count);
      Gauge.builder("backprop.searches", count, AtomicLong::get)
          .description("Hyperparameter searches by status, over all replicas")
          .tag("status", status.name())
          .register(registry);
    }
  }

  void started() {
    started.increment();
  }

  /** Recounts the searches-by-status gauges from the database. */
  @Scheduled(fixedDelayString = "${backprop.search.check-interval:2s}", initialDelay = 1000)
  void refresh() {
    Map<JobStatus, Long> counts = searches.countByStatus();
    byStatus.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
  }
}
