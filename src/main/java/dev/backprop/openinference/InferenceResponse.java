package dev.backprop.openinference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code infer}.
 *
 * @param modelName the network's name
 * @param modelVersion the version that answered, as a string
 * @param id the request's id, when it had one
 * @param parameters none so far
 * @param outputs the requested outputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(
    @JsonProperty("model_name") String modelName,
    @JsonProperty("model_version") String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<Output> outputs) {

  /**
   * An output tensor.
   *
   * @param name {@code output}
   * @param datatype {@code FP32}
   * @param shape [rows, output units]
   * @param data the values, flat in row-major order
   */
  public record Output(String name, String datatype, long[] shape, float[] data) {}
}
