package dev.backprop.web;

import dev.backprop.domain.DomainException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the {@code /v2} endpoints as the protocol wants them: {@code { "error": "..." }} with
 * the status, never a problem detail. A domain exception takes its status (and {@code Retry-After})
 * from {@link Problems}, as on {@code /api/v1}. Runs before {@link ProblemDetailsAdvice}, and only
 * for controllers marked {@link OpenInferenceApi}.
 */
@RestControllerAdvice(annotations = OpenInferenceApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenInferenceAdvice {

  private static final Logger log = LoggerFactory.getLogger(OpenInferenceAdvice.class);

  @ExceptionHandler(DomainException.class)
  ResponseEntity<OpenInferenceError> domain(DomainException ex) {
    return ResponseEntity.status(Problems.of(ex).status())
        .headers(ErrorResponses.headers(ex))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new OpenInferenceError(ex.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<OpenInferenceError> unreadable(HttpMessageNotReadableException ex) {
    return error(HttpStatus.BAD_REQUEST, BodyErrors.of(ex).detail());
  }

  /**
   * A body that cannot be read as asked: a wildcard or odd content type, form parameters the
   * firewall refuses, or a form too large to parse. The client's mistake, so a 400.
   */
  @ExceptionHandler({
    IllegalArgumentException.class,
    RequestRejectedException.class,
    InvalidParameterException.class
  })
  ResponseEntity<OpenInferenceError> unreadableRequest(RuntimeException ex) {
    String reason = String.valueOf(ex.getMessage());
    // The firewall's message quotes the offending parameter, which may be the whole body.
    if (reason.length() > 200) {
      reason = reason.substring(0, 200) + "...";
    }
    return error(HttpStatus.BAD_REQUEST, "the request cannot be read: " + reason);
  }

  /** What Spring MVC itself refuses (media type, missing parts) keeps its status; else 500. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<OpenInferenceError> other(Exception ex) {
    if (ex instanceof ErrorResponse response) {
      String detail = response.getBody().getDetail();
      return error(response.getStatusCode(), detail == null ? ex.getMessage() : detail);
    }
    log.error("Unexpected failure on a /v2 endpoint", ex);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the server failed to handle the request; the failure was logged");
  }

  private static ResponseEntity<OpenInferenceError> error(HttpStatusCode status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new OpenInferenceError(message));
  }
}
