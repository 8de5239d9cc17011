package dev.backprop.prediction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The serving meters, modelled on Triton's ({@code nv_inference_request_success|failure}, {@code
 * nv_inference_count}, {@code nv_inference_request_duration_us}, {@code
 * nv_inference_queue_duration_us}, {@code nv_inference_compute_infer_duration_us}) but as
 * Prometheus histograms. All are tagged with {@code model} (the network's name); they are built
 * once per model and then only looked up.
 *
 * <ul>
 *   <li>{@code backprop_inference_requests_total{model,outcome}}: requests, {@code success} or
 *       {@code failure} (only requests whose model exists are counted)
 *   <li>{@code backprop_inference_rows_total{model}}: rows predicted
 *   <li>{@code backprop_inference_request_duration_seconds{model}}: whole request in the service
 *   <li>{@code backprop_inference_queue_duration_seconds{model}}: waiting in the batcher's queue
 *   <li>{@code backprop_inference_compute_duration_seconds{model}}: each feedforward (one per
 *       batch)
 *   <li>{@code backprop_inference_batch_size_rows{model}}: rows per executed feedforward
 *   <li>{@code backprop_inference_rejected_total{model}}: requests refused because the queue was
 *       full (also counted as failures)
 * </ul>
 */
@Component
public class ServingMetrics {

  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  private final MeterRegistry registry;
  private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

  ServingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  ModelMeters of(String model) {
    ModelMeters meters = byModel.get(model);
    return meters != null ? meters : byModel.computeIfAbsent(model, this::build);
  }

  private ModelMeters build(String model) {
    return new ModelMeters(
        Counter.builder("backprop.inference.requests")
            .description("Inference requests answered, by outcome")
            .tag("model", model)
            .tag("outcome", "success")
            .register(registry),
        Counter.builder("backprop.inference.requests")
            .description("Inference requests answered, by outcome")
            .tag("model", model)
            .tag("outcome", "failure")
            .register(registry),
        Counter.builder("backprop.inference.rows")
            .description("Rows predicted")
            .tag("model", model)
            .register(registry),
        Counter.builder("backprop.inference.rejected")
            .description("Requests refused because the model's queue was full")
            .tag("model", model)
            .register(registry),
        timer(
            "backprop.inference.request.duration",
            "Time to answer a request in the service",
            model),
        timer(
            "backprop.inference.queue.duration",
            "Time a request waited in the batcher's queue",
            model),
        timer(
            "backprop.inference.compute.duration",
            "Time of each feedforward, one per batch",
            model),
        DistributionSummary.builder("backprop.inference.batch.size")
            .description("Rows per feedforward run by the dynamic batcher")
            .baseUnit("rows")
            .tag("model", model)
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry));
  }

  private Timer timer(String name, String description, String model) {
    return Timer.builder(name)
        .description(description)
        .tag("model", model)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  /** One model's meters. */
  record ModelMeters(
      Counter success,
      Counter failure,
      Counter rows,
      Counter rejected,
      Timer request,
      Timer queue,
      Timer compute,
      DistributionSummary batchSize) {

    void succeeded(int rowCount, long nanos) {
      success.increment();
      rows.increment(rowCount);
      request.record(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(long nanos) {
      failure.increment();
      request.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
