package dev.backprop.openinference;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/models/{name}[/versions/{v}]/config}: the model's configuration as Triton's model
 * configuration extension gives it, so that {@code tritonclient}'s {@code get_model_config} reads
 * it. Every version of a network has the same one.
 *
 * @param name the network's name
 * @param platform {@code backprop}
 * @param maxBatchSize the most rows the dynamic batcher merges into one feedforward ({@code
 *     backprop.serving.max-batch-size}); the tensors' first dimension is the batch, so {@code dims}
 *     leave it out
 * @param versionPolicy {@code {"all": {}}}: every trained version serves
 * @param input one tensor, {@code input}, of {@code [inputs]} FP32 values a row
 * @param output one tensor, {@code output}, of {@code [output units]} FP32 values a row
 * @param dynamicBatching how requests are batched
 */
@Schema(
    description = "A model's configuration, as Triton's model configuration extension gives it.")
public record ModelConfig(
    @Schema(example = "iris") String name,
    @Schema(example = "backprop") String platform,
    @JsonProperty("max_batch_size") @Schema(example = "64") int maxBatchSize,
    @JsonProperty("version_policy")
        @Schema(description = "{\"all\": {}}: every trained version serves")
        Map<String, Map<String, Object>> versionPolicy,
    List<ConfigTensor> input,
    List<ConfigTensor> output,
    @JsonProperty("dynamic_batching") DynamicBatching dynamicBatching) {

  /**
   * A tensor of the model.
   *
   * @param name {@code input} or {@code output}
   * @param dataType {@code TYPE_FP32}
   * @param dims a row's shape, without the batch dimension
   */
  public record ConfigTensor(
      @Schema(example = "input") String name,
      @JsonProperty("data_type") @Schema(example = "TYPE_FP32") String dataType,
      @Schema(example = "[4]") long[] dims) {}

  /**
   * The dynamic batcher's settings.
   *
   * @param maxQueueDelayMicroseconds longest a request waits for others to join its batch ({@code
   *     backprop.serving.max-queue-delay})
   * @param defaultQueuePolicy the queue's bound
   */
  public record DynamicBatching(
      @JsonProperty("max_queue_delay_microseconds") @Schema(example = "1000")
          long maxQueueDelayMicroseconds,
      @JsonProperty("default_queue_policy") QueuePolicy defaultQueuePolicy) {}

  /**
   * The batcher's queue.
   *
   * @param maxQueueSize most requests waiting per version ({@code
   *     backprop.serving.max-queue-size}); past it a request is refused with 503
   */
  public record QueuePolicy(
      @JsonProperty("max_queue_size") @Schema(example = "1024") int maxQueueSize) {}
}
