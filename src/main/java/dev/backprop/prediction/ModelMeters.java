package dev.backprop.prediction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serving meters of one trained version, tagged {@code model} and {@code version}; built once
 * by {@link ServingMetrics}. The names are listed there.
 */
final class ModelMeters {

  /**
   * The bucket bounds of the four duration histograms: a few service levels, not a percentile
   * histogram (92 buckets each, 408 series per version). Chosen from the latencies measured in the
   * service with ModelCacheBenchmark (docs/operations.md): 85% of one-row requests on a small
   * network take under 0.1 ms in the service and 96% of their feedforwards under 25 µs, so the
   * buckets are densest there; a batch waits up to max-queue-delay (1 ms when this was measured),
   * 784-256-128-10 takes about 1 ms, a loaded replica tens of ms, and past 1 s something is wrong
   * whatever the model.
   */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofNanos(25_000),
    Duration.ofNanos(50_000),
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(10),
    Duration.ofMillis(100),
    Duration.ofSeconds(1)
  };

  /**
   * The Prometheus series one served version adds: 4 duration histograms x (10 buckets + {@code
   * +Inf} + count + sum + max) = 56, the batch size histogram (11 buckets + {@code +Inf} + count +
   * sum + max) = 15, 4 counters, and 3 timers of count, sum and max = 9.
   */
  static final int SERIES_PER_MODEL = 4 * (DURATION_BUCKETS.length + 4) + 15 + 4 + 9;

  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
  private static final String REQUESTS = "backprop.inference.requests";
  private static final String REQUEST_DURATION = "backprop.inference.request.duration";

  private final String model;
  private final int version;
  private final Counter success;
  private final Counter failure;
  private final Counter rows;
  private final Counter rejected;
  private final Timer succeededTime;
  private final Timer failedTime;
  private final Timer queue;
  private final Timer compute;
  private final DistributionSummary batchSize;
  private final Timer computeInput;
  private final Timer computeInfer;
  private final Timer computeOutput;
  private final AtomicLong lastInference = new AtomicLong();

  ModelMeters(MeterRegistry registry, String model, int version) {
    this.model = model;
    this.version = version;
    Tags tags = Tags.of("model", model, "version", Integer.toString(version));
    Tags ok = tags.and("outcome", "success");
    Tags failed = tags.and("outcome", "failure");
    success = counter(registry, REQUESTS, "Inference requests answered, by outcome", ok);
    failure = counter(registry, REQUESTS, "Inference requests answered, by outcome", failed);
    rows = counter(registry, "backprop.inference.rows", "Rows predicted", tags);
    rejected =
        counter(
            registry,
            "backprop.inference.rejected",
            "Requests refused because the version's queue was full",
            tags);
    String answer = "Time to answer a request in the service, by outcome";
    succeededTime = histogram(registry, REQUEST_DURATION, answer, ok);
    failedTime = histogram(registry, REQUEST_DURATION, answer, failed);
    queue =
        histogram(
            registry,
            "backprop.inference.queue.duration",
            "Time a request waited in the batcher's queue",
            tags);
    compute =
        histogram(
            registry,
            "backprop.inference.compute.duration",
            "Time of each feedforward, one per batch",
            tags);
    batchSize =
        DistributionSummary.builder("backprop.inference.batch.size")
            .description("Rows per feedforward run by the dynamic batcher")
            .baseUnit("rows")
            .tags(tags)
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry);
    computeInput =
        timer(
            registry,
            "backprop.inference.compute.input.duration",
            "Per request: time to turn its inputs into checked rows",
            tags);
    computeInfer =
        timer(
            registry,
            "backprop.inference.compute.infer.duration",
            "Per request: time of the feedforward its rows ran in",
            tags);
    computeOutput =
        timer(
            registry,
            "backprop.inference.compute.output.duration",
            "Per request: time to turn its outputs into the answer",
            tags);
  }

  /** A request answered, with its rows and its whole time in the service. */
  void succeeded(int rowCount, long nanos) {
    success.increment();
    rows.increment(rowCount);
    succeededTime.record(nanos, TimeUnit.NANOSECONDS);
    lastInference.set(System.currentTimeMillis());
  }

  /** A request on this version that failed, with its time in the service. */
  void failed(long nanos) {
    failure.increment();
    failedTime.record(nanos, TimeUnit.NANOSECONDS);
    lastInference.set(System.currentTimeMillis());
  }

  /** A request refused because the queue was full (it is also counted as failed). */
  void rejected() {
    rejected.increment();
  }

  void input(long nanos) {
    computeInput.record(nanos, TimeUnit.NANOSECONDS);
  }

  void output(long nanos) {
    computeOutput.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One feedforward of {@code rowCount} rows that took {@code nanos}. */
  void executed(int rowCount, long nanos) {
    compute.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(rowCount);
  }

  /** One request that ran in a feedforward of {@code computeNanos}, after waiting for it. */
  void ran(long queueNanos, long computeNanos) {
    queue.record(queueNanos, TimeUnit.NANOSECONDS);
    computeInfer.record(computeNanos, TimeUnit.NANOSECONDS);
  }

  /** What the meters counted so far. */
  ServingStatistics statistics() {
    return new ServingStatistics(
        model,
        version,
        lastInference.get(),
        (long) rows.count(),
        compute.count(),
        duration(succeededTime),
        duration(failedTime),
        duration(queue),
        duration(computeInput),
        duration(computeInfer),
        duration(computeOutput));
  }

  /** Takes the meters out of the registry (the version's network was deleted). */
  void remove(MeterRegistry registry) {
    List<Meter> meters =
        List.of(
            success,
            failure,
            rows,
            rejected,
            succeededTime,
            failedTime,
            queue,
            compute,
            batchSize,
            computeInput,
            computeInfer,
            computeOutput);
    meters.forEach(registry::remove);
  }

  private static ServingStatistics.Duration duration(Timer timer) {
    return new ServingStatistics.Duration(
        timer.count(), (long) timer.totalTime(TimeUnit.NANOSECONDS));
  }

  private static Counter counter(
      MeterRegistry registry, String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  /** A timer with a Prometheus histogram of {@link #DURATION_BUCKETS}, for the main durations. */
  private static Timer histogram(
      MeterRegistry registry, String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }

  /** A timer of count, sum and max only: the parts of a request's time, for the statistics. */
  private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags).register(registry);
  }
}
