package dev.backprop.openinference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v2/models/{name}[/versions/{v}]/infer}.
 *
 * @param id optional; echoed in the response
 * @param parameters optional request parameters; {@code binary_data_output: true} asks for the
 *     output as binary data (Triton's binary tensor data extension), others are not interpreted
 * @param inputs exactly one tensor, {@code input}
 * @param outputs optional: the outputs wanted (only {@code output} exists); all when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceRequest(
    String id, Map<String, Object> parameters, List<Input> inputs, List<RequestedOutput> outputs) {

  /**
   * An input tensor.
   *
   * @param name the model's input, {@code input}
   * @param shape [rows, inputs]
   * @param datatype {@code FP32} or {@code FP64}
   * @param parameters optional tensor parameters; {@code binary_data_size} says the values come as
   *     that many bytes after the JSON header instead of in {@code data}, others are not
   *     interpreted
   * @param data the values, flat in row-major order or nested as the shape says
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(
      String name,
      List<Long> shape,
      String datatype,
      Map<String, Object> parameters,
      // Described in full by InferenceOpenApi; the type keeps springdoc off TensorData's fields.
      @Schema(type = "array") TensorData data) {}

  /**
   * An output the client wants.
   *
   * @param name the model's output, {@code output}
   * @param parameters optional; {@code binary_data} (a boolean) says whether the output comes back
   *     as binary data, overriding the request's {@code binary_data_output}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RequestedOutput(String name, Map<String, Object> parameters) {}
}
