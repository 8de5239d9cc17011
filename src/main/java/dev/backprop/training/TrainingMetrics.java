package dev.backprop.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every training meter, built once. Jobs by status are read from the database, so all replicas
 * agree.
 */
@Component
class TrainingMetrics {

  private final TrainingJobRepository jobs;
  private final Counter submitted;
  private final Counter epochs;
  private final Timer queueTime;
  private final Map<JobStatus, Timer> durations = new EnumMap<>(JobStatus.class);
  private final Map<JobStatus, AtomicLong> byStatus = new EnumMap<>(JobStatus.class);

  TrainingMetrics(MeterRegistry registry, TrainingJobRepository jobs) {
    this.jobs = jobs;
    this.submitted =
        Counter.builder("backprop.training.jobs.submitted")
            .description("Training jobs submitted to this replica")
            .register(registry);
    this.epochs =
        Counter.builder("backprop.training.epochs")
            .description("Epochs trained on this replica")
            .register(registry);
    this.queueTime =
        Timer.builder("backprop.training.queue.duration")
            .description("Time jobs waited in the queue before they started")
            .publishPercentileHistogram()
            .register(registry);
    for (JobStatus status : JobStatus.values()) {
      AtomicLong count = new AtomicLong();
      byStatus.put(status, count);
      Gauge.builder("backprop.training.jobs", count, AtomicLong::get)
          .description("Training jobs by status, over all replicas")
          .tag("status", status.name())
          .register(registry);
      if (status.isFinished()) {
        durations.put(
            status,
            Timer.builder("backprop.training.job.duration")
                .description("Run time of finished training jobs")
                .tag("status", status.name())
                .publishPercentileHistogram()
                .register(registry));
      }
    }
  }

  void submitted() {
    submitted.increment();
  }

  void started(Duration waited) {
    queueTime.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  void epochTrained() {
    epochs.increment();
  }

  void finished(JobStatus status, Duration ran) {
    Timer timer = durations.get(status);
    if (timer != null) {
      timer.record(ran);
    }
  }

  /** Refreshes the jobs-by-status gauges from the database. */
  @Scheduled(fixedDelayString = "${backprop.training.metrics-refresh:10s}", initialDelay = 1000)
  void refresh() {
    Map<JobStatus, Long> counts = jobs.countByStatus();
    byStatus.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
  }
}
