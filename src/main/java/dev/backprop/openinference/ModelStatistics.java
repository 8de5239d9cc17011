package dev.backprop.openinference;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code GET /v2/models[/{name}[/versions/{v}]]/stats}: what models have served since the process
 * started, over both APIs, as Triton's statistics extension reports it (read by {@code
 * tritonclient}'s {@code get_inference_statistics}).
 *
 * @param modelStats one entry per version
 */
@Schema(
    description =
        "What model versions served since the process started, over both APIs, as Triton's"
            + " statistics extension reports it.")
public record ModelStatistics(@JsonProperty("model_stats") List<VersionStatistics> modelStats) {

  /**
   * One version's statistics.
   *
   * @param name the network's name
   * @param version the version, as a string
   * @param lastInference when it last answered a request, in milliseconds since the epoch; 0 if
   *     never
   * @param inferenceCount rows predicted by successful requests
   * @param executionCount feedforwards run; fewer than rows when requests were batched
   * @param inferenceStats counts and total times, per request
   */
  public record VersionStatistics(
      @Schema(example = "iris") String name,
      @Schema(example = "1") String version,
      @JsonProperty("last_inference") @Schema(example = "1767225600000") long lastInference,
      @JsonProperty("inference_count") @Schema(example = "96") long inferenceCount,
      @JsonProperty("execution_count") @Schema(example = "12") long executionCount,
      @JsonProperty("inference_stats") InferStatistics inferenceStats) {}

  /**
   * Per request: how many, and their time summed.
   *
   * @param success successful requests, whole time in the service
   * @param fail failed requests (on a version that exists)
   * @param queue waiting in the dynamic batcher's queue
   * @param computeInput turning the request's inputs into checked rows
   * @param computeInfer the feedforward the request's rows ran in
   * @param computeOutput turning the outputs into the answer
   */
  public record InferStatistics(
      StatisticDuration success,
      StatisticDuration fail,
      StatisticDuration queue,
      @JsonProperty("compute_input") StatisticDuration computeInput,
      @JsonProperty("compute_infer") StatisticDuration computeInfer,
      @JsonProperty("compute_output") StatisticDuration computeOutput) {}

  /**
   * A count, and the time summed over it.
   *
   * @param count how many times it was timed
   * @param ns the total time, in nanoseconds
   */
  public record StatisticDuration(
      @Schema(example = "96") long count, @Schema(example = "4800000") long ns) {}
}
