package dev.backprop.prediction;

import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.TrainedVersion;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The serving meters, modelled on Triton's ({@code nv_inference_request_success|failure}, {@code
 * nv_inference_count}, {@code nv_inference_request_duration_us}, {@code
 * nv_inference_queue_duration_us}, {@code nv_inference_compute_input|infer|output_duration_us}) but
 * as Prometheus histograms and summaries. All are tagged with {@code model} (the network's name)
 * and {@code version}; they are built once per version, on its first request, and then only looked
 * up. They also answer the protocol's statistics ({@link #statistics()}).
 *
 * <ul>
 *   <li>{@code backprop_inference_requests_total{outcome}}: requests, {@code success} or {@code
 *       failure} (only requests whose version exists are counted)
 *   <li>{@code backprop_inference_rows_total}: rows predicted
 *   <li>{@code backprop_inference_request_duration_seconds{outcome}}: whole request in the service
 *   <li>{@code backprop_inference_queue_duration_seconds}: waiting in the batcher's queue
 *   <li>{@code backprop_inference_compute_duration_seconds}: each feedforward (one per batch)
 *   <li>{@code backprop_inference_batch_size_rows}: rows per executed feedforward
 *   <li>{@code backprop_inference_compute_input|infer|output_duration_seconds} (count, sum and max
 *       only): per request, turning its inputs into rows, the feedforward its rows ran in, turning
 *       its outputs into the answer
 *   <li>{@code backprop_inference_rejected_total}: requests refused because the queue was full
 *       (also counted as failures)
 * </ul>
 */
@Component
public class ServingMetrics {

  private record Key(String model, int version) {}

  private final MeterRegistry registry;
  private final Map<Key, ModelMeters> byVersion = new ConcurrentHashMap<>();

  ServingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  ModelMeters of(TrainedVersion trained) {
    Key key = new Key(trained.network().name(), trained.version());
    ModelMeters meters = byVersion.get(key);
    return meters != null
        ? meters
        : byVersion.computeIfAbsent(key, k -> new ModelMeters(registry, k.model(), k.version()));
  }

  /** What a version has served since the process started; zeros if nothing. */
  public ServingStatistics statistics(String model, int version) {
    ModelMeters meters = byVersion.get(new Key(model, version));
    return meters == null ? ServingStatistics.none(model, version) : meters.statistics();
  }

  /** Every version that has served a request since the process started, by model and version. */
  public List<ServingStatistics> statistics() {
    return byVersion.values().stream()
        .map(ModelMeters::statistics)
        .sorted(
            Comparator.comparing(ServingStatistics::model)
                .thenComparingInt(ServingStatistics::version))
        .toList();
  }

  /**
   * A deleted network's meters go, so that a network created again under its name starts from zero.
   * After the commit: a rolled-back delete keeps them.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void onNetworkDeleted(NetworkDeletedEvent event) {
    byVersion
        .entrySet()
        .removeIf(
            e -> {
              boolean deleted = e.getKey().model().equals(event.name());
              if (deleted) {
                e.getValue().remove(registry);
              }
              return deleted;
            });
  }
}
