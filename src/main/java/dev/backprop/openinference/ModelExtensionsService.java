package dev.backprop.openinference;

import dev.backprop.engine.NetworkSpec;
import dev.backprop.network.NetworkService;
import dev.backprop.prediction.ServingMetrics;
import dev.backprop.prediction.ServingProperties;
import dev.backprop.prediction.ServingStatistics;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Triton's model configuration and statistics extensions: a network's configuration from its
 * definition and the serving settings, and its versions' statistics from the serving meters.
 */
@Service
class ModelExtensionsService {

  static final String TYPE_FP32 = "TYPE_FP32";

  private final NetworkService networks;
  private final InferenceService inference;
  private final ServingProperties serving;
  private final ServingMetrics metrics;

  ModelExtensionsService(
      NetworkService networks,
      InferenceService inference,
      ServingProperties serving,
      ServingMetrics metrics) {
    this.networks = networks;
    this.inference = inference;
    this.serving = serving;
    this.metrics = metrics;
  }

  /** A network's configuration; with a version, 404 unless that version exists. */
  ModelConfig config(String name, String version) {
    NetworkSpec spec = networks.get(name).spec();
    if (version != null) {
      networks.resolve(name, version);
    }
    return new ModelConfig(
        name,
        InferenceService.PLATFORM,
        serving.maxBatchSize(),
        Map.of("all", Map.of()),
        List.of(
            new ModelConfig.ConfigTensor(InputTensor.INPUT, TYPE_FP32, new long[] {spec.inputs()})),
        List.of(
            new ModelConfig.ConfigTensor(
                InputTensor.OUTPUT, TYPE_FP32, new long[] {spec.outputs()})),
        new ModelConfig.DynamicBatching(
            serving.maxQueueDelay().toNanos() / 1000,
            new ModelConfig.QueuePolicy(serving.maxQueueSize())));
  }

  /**
   * Statistics of one version, or, without a version, of every trained version of the network
   * (zeros for those that served nothing since the process started); 404 if either is unknown.
   */
  ModelStatistics statistics(String name, String version) {
    List<ServingStatistics> versions =
        version != null
            ? List.of(metrics.statistics(name, networks.resolve(name, version)))
            : inference.versions(name).stream()
                .map(v -> metrics.statistics(name, Integer.parseInt(v)))
                .toList();
    return of(versions);
  }

  /** Statistics of every version that served a request since the process started. */
  ModelStatistics statistics() {
    return of(metrics.statistics());
  }

  private static ModelStatistics of(List<ServingStatistics> versions) {
    return new ModelStatistics(
        versions.stream()
            .map(
                s ->
                    new ModelStatistics.VersionStatistics(
                        s.model(),
                        Integer.toString(s.version()),
                        s.lastInference(),
                        s.inferenceCount(),
                        s.executionCount(),
                        new ModelStatistics.InferStatistics(
                            duration(s.success()),
                            duration(s.fail()),
                            duration(s.queue()),
                            duration(s.computeInput()),
                            duration(s.computeInfer()),
                            duration(s.computeOutput()))))
            .toList());
  }

  private static ModelStatistics.StatisticDuration duration(ServingStatistics.Duration d) {
    return new ModelStatistics.StatisticDuration(d.count(), d.nanos());
  }
}
