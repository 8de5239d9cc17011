package dev.backprop.prediction;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A full batching queue on {@code /api/v1/.../predictions}: the problem detail the central advice
 * would give, plus the {@code Retry-After} header it cannot add. Every other failure goes on to
 * {@link dev.backprop.web.ProblemDetailsAdvice}.
 */
@RestControllerAdvice(assignableTypes = PredictionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class QueueFullAdvice {

  @ExceptionHandler(QueueFullException.class)
  ResponseEntity<ProblemDetail> queueFull(QueueFullException ex) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ex.type());
    body.setTitle(ex.title());
    return ResponseEntity.status(ex.status())
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(ex.retryAfter()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
