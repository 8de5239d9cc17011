package dev.backprop.web;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.web.Problems.Problem;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
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
 * {@code type} URI, its status and type taken from {@link Problems}; a client that sent an invalid
 * field learns which one and why from the {@code errors} array.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(DomainException.class)
  ResponseEntity<Object> handleDomainException(DomainException ex, WebRequest request) {
    Problem problem = Problems.of(ex);
    ProblemDetail body = problemDetail(problem, ex.getMessage());
    withErrors(body, ex.errors());
    return handleExceptionInternal(ex, body, ErrorResponses.headers(ex), problem.status(), request);
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
        problemDetail(
            Problems.MALFORMED_BODY,
            "The multipart body cannot be read; send a multipart/form-data body with its"
                + " boundary.");
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
      if (cause instanceof DomainException limit) {
        return handleDomainException(limit, request);
      }
    }
    ProblemDetail body = problemDetail(Problems.MALFORMED_BODY, null);
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
    Problem problem = Problems.limit(Limit.SIZE);
    ProblemDetail body =
        problemDetail(
            problem,
            "The upload is larger than spring.servlet.multipart.max-file-size or"
                + " spring.servlet.multipart.max-request-size allow"
                + (ex.getMaxUploadSize() > 0 ? " (" + ex.getMaxUploadSize() + " bytes)" : "")
                + "; upload a smaller file or raise the limits (and"
                + " backprop.limits.max-dataset-size).");
    return handleExceptionInternal(ex, body, headers, problem.status(), request);
  }

  /** Gives every problem detail, including those Spring builds itself, a stable type URI. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(Problems.typeOf(status.value()));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private ResponseEntity<Object> validationFailed(
      Exception ex, List<FieldError> errors, WebRequest request) {
    Problem problem = Problems.invalid(Subject.REQUEST);
    ProblemDetail body =
        problemDetail(
            problem,
            errors.isEmpty()
                ? "The request is invalid."
                : String.join(
                    "; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
    withErrors(body, errors);
    return handleExceptionInternal(ex, body, new HttpHeaders(), problem.status(), request);
  }

  private static ProblemDetail problemDetail(Problem problem, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
    body.setType(problem.type());
    body.setTitle(problem.title());
    return body;
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
