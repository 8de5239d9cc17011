package dev.backprop.openinference;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;

/**
 * The body and answer both infer operations document. The handlers read the raw body themselves
 * (JSON, or Triton's binary tensor data), so the JSON form is declared here rather than inferred.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@io.swagger.v3.oas.annotations.parameters.RequestBody(
    required = true,
    content = {
      @Content(
          mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
          schema =
              @Schema(
                  type = "string",
                  format = "binary",
                  description =
                      "Binary tensor data: the JSON request (its `Inference-Header-Content-Length`"
                          + " bytes), then each input's `binary_data_size` bytes.")),
      @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = InferenceRequest.class),
          examples =
              @ExampleObject(
                  name = "iris",
                  value =
                      """
                        { "id": "request-1",
                          "inputs": [ { "name": "input", "shape": [2, 4], "datatype": "FP32",
                                        "data": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] } ] }
                        """))
    })
@ApiResponse(
    responseCode = "200",
    description =
        "The outputs; as binary tensor data (`application/octet-stream`, the JSON header's length"
            + " in `Inference-Header-Content-Length`) when the request asked for it.",
    headers =
        @Header(
            name = BinaryTensors.HEADER_LENGTH,
            description = "With binary output: the length of the JSON header before the bytes.",
            schema = @Schema(type = "integer")),
    content = {
      @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = InferenceResponse.class)),
      @Content(
          mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
          schema = @Schema(type = "string", format = "binary"))
    })
@interface InferApiDocs {

  /** What both infer operations say. */
  String DESCRIPTION =
      "One tensor `input` of shape [rows, inputs], FP32 or FP64, in `data` (flat or nested);"
          + " answers `output` [rows, units] as FP32. A body without `Content-Type` is JSON."
          + " Triton's binary tensor data extension: a JSON header of `Inference-Header-Content-Length`"
          + " bytes, then the tensors' bytes (`application/octet-stream`); `binary_data_output`"
          + " asks for the output that way.";
}
