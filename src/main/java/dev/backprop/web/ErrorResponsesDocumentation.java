package dev.backprop.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The error answers of every operation, added by convention so that no endpoint (today's or one
 * added later) documents only its success: each failure the service's generic machinery can answer
 * ({@link Problems}) is listed with its body, a problem detail on {@code /api/v1} and the
 * protocol's {@code { "error" }} on {@code /v2}. An operation's own {@code @ApiResponse} for a
 * status keeps its description; only a missing body schema is filled in. Which statuses apply
 * follows from the operation's shape: 404 when its path names something, 400 when it takes input,
 * 413 and 415 when it takes a body.
 */
@Component
class ErrorResponsesDocumentation implements OpenApiCustomizer {

  private static final String V2 = "/v2";

  /** Every status {@link #expected} can list, with what it means. */
  private static final Map<HttpStatus, String> EXPECTED =
      Map.of(
          HttpStatus.BAD_REQUEST,
          "The request is invalid; the body says what and where.",
          HttpStatus.UNAUTHORIZED,
          "API keys are configured and none (or an unknown one) was sent.",
          HttpStatus.FORBIDDEN,
          "The key may not do this (a predict key may only read and ask for predictions).",
          HttpStatus.NOT_FOUND,
          "Nothing of that name, version or id.",
          HttpStatus.NOT_ACCEPTABLE,
          "The Accept header asks for no media type this operation answers.",
          HttpStatus.CONTENT_TOO_LARGE,
          "The body is larger than the configured limit.",
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "The Content-Type is not one this operation takes.",
          HttpStatus.INTERNAL_SERVER_ERROR,
          "The server failed to handle the request; the failure was logged.",
          HttpStatus.SERVICE_UNAVAILABLE,
          "Not ready, or the database is unavailable; `Retry-After` says when to try again.");

  @Override
  public void customise(OpenAPI openApi) {
    ErrorSchemas.register(openApi);
    ErrorSchemas.registerResponses(openApi, EXPECTED);
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> document(path, method, operation)));
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    boolean openInference = path.equals(V2) || path.startsWith(V2 + "/");
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    // An operation's own error answers keep their descriptions; they only get the body schema.
    responses.forEach(
        (status, response) -> {
          if (isError(status) && (response.getContent() == null || hasNoSchema(response))) {
            response.setContent(ErrorSchemas.content(openInference));
          }
        });
    for (HttpStatus status : expected(path, operation)) {
      responses.putIfAbsent(
          Integer.toString(status.value()),
          new ApiResponse().$ref(ErrorSchemas.responseRef(status, openInference)));
    }
    operation.setResponses(sorted(responses));
  }

  /** The failures an operation of this shape can answer, whatever its handler does. */
  private static List<HttpStatus> expected(String path, Operation operation) {
    List<HttpStatus> statuses = new ArrayList<>();
    boolean body = operation.getRequestBody() != null;
    if (body || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
      statuses.add(HttpStatus.BAD_REQUEST);
    }
    statuses.add(HttpStatus.UNAUTHORIZED);
    statuses.add(HttpStatus.FORBIDDEN);
    if (path.contains("{")) {
      statuses.add(HttpStatus.NOT_FOUND);
    }
    statuses.add(HttpStatus.NOT_ACCEPTABLE);
    if (body) {
      statuses.add(HttpStatus.CONTENT_TOO_LARGE);
      statuses.add(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    statuses.add(HttpStatus.INTERNAL_SERVER_ERROR);
    statuses.add(HttpStatus.SERVICE_UNAVAILABLE);
    return statuses;
  }

  private static boolean isError(String status) {
    return status.startsWith("4") || status.startsWith("5");
  }

  private static boolean hasNoSchema(ApiResponse response) {
    return response.getContent().values().stream().allMatch(media -> media.getSchema() == null);
  }

  /** Responses in status order, so the document reads (and diffs) the same way every time. */
  private static ApiResponses sorted(ApiResponses responses) {
    ApiResponses sorted = new ApiResponses();
    new TreeMap<>(responses).forEach(sorted::addApiResponse);
    if (responses.getExtensions() != null) {
      sorted.setExtensions(responses.getExtensions());
    }
    return sorted;
  }
}
