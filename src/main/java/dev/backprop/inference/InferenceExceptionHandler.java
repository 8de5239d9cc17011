package dev.backprop.inference;

import dev.backprop.prediction.QueueFullException;
import dev.backprop.web.ApiException;
import dev.backprop.web.BodyErrors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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
 * the status, never a problem detail. Runs before {@link dev.backprop.web.ProblemDetailsAdvice},
 * and only for {@link InferenceController}.
 */
@RestControllerAdvice(assignableTypes = InferenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InferenceExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(InferenceExceptionHandler.class);

  @ExceptionHandler(InferenceException.class)
  ResponseEntity<InferenceError> inference(InferenceException ex) {
    return error(ex.status(), ex.getMessage());
  }

  @ExceptionHandler(QueueFullException.class)
  ResponseEntity<InferenceError> queueFull(QueueFullException ex) {
    return ResponseEntity.status(ex.status())
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(ex.retryAfter()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new InferenceError(ex.getMessage()));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<InferenceError> api(ApiException ex) {
    return error(ex.status(), ex.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<InferenceError> unreadable(HttpMessageNotReadableException ex) {
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
  ResponseEntity<InferenceError> unreadableRequest(RuntimeException ex) {
    String reason = String.valueOf(ex.getMessage());
    // The firewall's message quotes the offending parameter, which may be the whole body.
    if (reason.length() > 200) {
      reason = reason.substring(0, 200) + "...";
    }
    return error(HttpStatus.BAD_REQUEST, "the request cannot be read: " + reason);
  }

  /** What Spring MVC itself refuses (media type, missing parts) keeps its status; else 500. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<InferenceError> other(Exception ex) {
    if (ex instanceof ErrorResponse response) {
      String detail = response.getBody().getDetail();
      return error(response.getStatusCode(), detail == null ? ex.getMessage() : detail);
    }
    log.error("Unexpected failure on a /v2 endpoint", ex);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the server failed to handle the request; the failure was logged");
  }

  private static ResponseEntity<InferenceError> error(HttpStatusCode status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new InferenceError(message));
  }
}
