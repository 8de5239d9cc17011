package dev.backprop.web;

import dev.backprop.domain.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problem details. Every answer carries a stable
 * {@code type} URI from {@link ProblemTypes}; a client that sent an invalid field learns which one
 * and why from the {@code errors} array.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  private static final Map<Integer, URI> TYPES_BY_STATUS =
      Map.ofEntries(
          Map.entry(400, ProblemTypes.MALFORMED_REQUEST),
          Map.entry(401, ProblemTypes.UNAUTHORIZED),
          Map.entry(403, ProblemTypes.FORBIDDEN),
          Map.entry(404, ProblemTypes.NOT_FOUND),
          Map.entry(405, ProblemTypes.METHOD_NOT_ALLOWED),
          Map.entry(406, ProblemTypes.NOT_ACCEPTABLE),
          Map.entry(409, ProblemTypes.CONFLICT),
          Map.entry(413, ProblemTypes.PAYLOAD_TOO_LARGE),
          Map.entry(415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE),
          Map.entry(503, ProblemTypes.SERVICE_UNAVAILABLE));

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> handleApiException(ApiException ex, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ex.type());
    body.setTitle(ex.title());
    withErrors(body, ex.errors());
    return handleExceptionInternal(ex, body, new HttpHeaders(), ex.status(), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(
      ConstraintViolationException ex, WebRequest request) {
    List<FieldError> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return validationFailed(ex, errors, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> handleTypeMismatch(
      MethodArgumentTypeMismatchException ex, WebRequest request) {
    Class<?> type = ex.getRequiredType();
    String message =
        type != null && type.isEnum()
            ? "must be one of " + JsonPaths.constants(type) + ", was '" + ex.getValue() + "'"
            : "must be " + JsonPaths.article(typeName(type)) + ", was '" + ex.getValue() + "'";
    return validationFailed(ex, List.of(new FieldError(ex.getName(), message)), request);
  }

  /**
   * A multipart body that cannot be parsed (truncated, no or a wrong boundary): the client's fault.
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The multipart body cannot be read; send a multipart/form-data body with its"
                + " boundary.");
    body.setType(ProblemTypes.MALFORMED_REQUEST);
    body.setTitle("Malformed request body");
    return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    log.error("Unexpected failure handling {}", request.getDescription(false), ex);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The server failed to handle the request; the failure was logged.");
    body.setType(ProblemTypes.INTERNAL_ERROR);
    return handleExceptionInternal(
        ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(
            e ->
                errors.add(
                    new FieldError(
                        e.getField(),
                        e.isBindingFailure()
                            ? "'" + e.getRejectedValue() + "' is not a valid value"
                            : message(e))));
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> errors.add(new FieldError(e.getObjectName(), message(e))));
    return validationFailed(ex, errors, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        e ->
                            errors.add(
                                new FieldError(
                                    result.getMethodParameter().getParameterName(), message(e)))));
    return validationFailed(ex, errors, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    // A limit hit while the body streamed in (see RequestSizeLimitFilter) is the limit's fault.
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException limit) {
        return handleApiException(limit, request);
      }
    }
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setType(ProblemTypes.MALFORMED_REQUEST);
    body.setTitle("Malformed request body");
    BodyErrors.BodyError error = BodyErrors.of(ex);
    body.setDetail(error.detail());
    withErrors(body, List.of(new FieldError(error.field(), error.message())));
    return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE,
            "The upload is larger than spring.servlet.multipart.max-file-size or"
                + " spring.servlet.multipart.max-request-size allow"
                + (ex.getMaxUploadSize() > 0 ? " (" + ex.getMaxUploadSize() + " bytes)" : "")
                + "; upload a smaller file or raise the limits (and"
                + " backprop.limits.max-dataset-size).");
    body.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
    body.setTitle("Limit exceeded");
    return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
  }

  /** Gives every problem detail, including those Spring builds itself, a stable type URI. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(TYPES_BY_STATUS.getOrDefault(status.value(), ProblemTypes.INTERNAL_ERROR));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private ResponseEntity<Object> validationFailed(
      Exception ex, List<FieldError> errors, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setType(ProblemTypes.VALIDATION_FAILED);
    body.setTitle("Invalid request");
    body.setDetail(
        errors.isEmpty()
            ? "The request is invalid."
            : String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
    withErrors(body, errors);
    return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  private static void withErrors(ProblemDetail body, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      body.setProperty("errors", errors);
    }
  }

  private static String message(MessageSourceResolvable error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.indexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }

  /** A query or path parameter's type as a client reads it: JSON kinds, and UUIDs by name. */
  private static String typeName(Class<?> type) {
    return type == java.util.UUID.class ? "UUID" : JsonPaths.typeName(type);
  }
}
