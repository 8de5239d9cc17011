package dev.backprop.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The two error bodies of the API as OpenAPI schemas: {@code Problem} (RFC 9457, as {@link
 * ProblemDetailsAdvice} and {@link ErrorResponses} write it) and {@code InferenceError} (the Open
 * Inference Protocol's {@code { "error" }}).
 */
final class ErrorSchemas {

  static final String PROBLEM = "Problem";
  static final String INFERENCE_ERROR = "InferenceError";

  private ErrorSchemas() {}

  static void register(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi.getComponents().addSchemas(PROBLEM, problem()).addSchemas(INFERENCE_ERROR, error());
  }

  /**
   * One shared response per error status and protocol ({@code Problem404}, {@code
   * InferenceError404}), so each operation refers to it instead of repeating it.
   */
  static void registerResponses(OpenAPI openApi, Map<HttpStatus, String> descriptions) {
    descriptions.forEach(
        (status, description) -> {
          for (boolean openInference : new boolean[] {false, true}) {
            openApi
                .getComponents()
                .addResponses(
                    responseName(status, openInference),
                    new ApiResponse().description(description).content(content(openInference)));
          }
        });
  }

  static String responseRef(HttpStatus status, boolean openInference) {
    return "#/components/responses/" + responseName(status, openInference);
  }

  private static String responseName(HttpStatus status, boolean openInference) {
    return (openInference ? INFERENCE_ERROR : PROBLEM) + status.value();
  }

  /** An error answer's body: the problem detail, or the protocol's error under {@code /v2}. */
  static Content content(boolean openInference) {
    String name = openInference ? INFERENCE_ERROR : PROBLEM;
    return new Content()
        .addMediaType(
            ErrorResponses.contentType(openInference),
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + name)));
  }

  private static Schema<?> problem() {
    ObjectSchema fieldError = new ObjectSchema();
    fieldError.addProperty(
        "field", new StringSchema().description("JSON path").example("layers[1].activation"));
    fieldError.addProperty(
        "message", new StringSchema().example("must be one of relu, sigmoid, tanh, softmax"));
    fieldError.setRequired(List.of("field", "message"));
    ObjectSchema problem = new ObjectSchema();
    problem.setDescription("An RFC 9457 problem detail (application/problem+json).");
    problem.addProperty(
        "type",
        new StringSchema().format("uri").example(ProblemTypes.VALIDATION_FAILED.toString()));
    problem.addProperty("title", new StringSchema().example("Invalid request"));
    problem.addProperty("status", new IntegerSchema().example(400));
    problem.addProperty(
        "detail", new StringSchema().example("layers[1].activation: must be one of relu, sigmoid"));
    problem.addProperty("instance", new StringSchema().example("/api/v1/networks"));
    problem.addProperty(
        "errors",
        new ArraySchema()
            .items(fieldError)
            .description("Each invalid field, when the request had some."));
    problem.setRequired(List.of("type", "title", "status"));
    return problem;
  }

  private static Schema<?> error() {
    ObjectSchema error = new ObjectSchema();
    error.setDescription("An Open Inference Protocol error.");
    error.addProperty("error", new StringSchema().example("model 'iris' has no version 7"));
    error.setRequired(List.of("error"));
    error.setExample(Map.of("error", "model 'iris' has no version 7"));
    return error;
  }
}
