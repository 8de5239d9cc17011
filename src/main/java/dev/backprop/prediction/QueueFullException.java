package dev.backprop.prediction;

import dev.backprop.web.ApiException;
import dev.backprop.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A model's batching queue is full: 503, and the client may retry after {@link #retryAfter()}. */
public class QueueFullException extends ApiException {

  private static final long serialVersionUID = 1L;

  private final int retryAfterSeconds;

  QueueFullException(String model, int queued, int retryAfterSeconds) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemTypes.SERVICE_UNAVAILABLE,
        "Service unavailable",
        "model '"
            + model
            + "' has "
            + queued
            + " requests waiting, the most allowed (backprop.serving.max-queue-size); retry"
            + " later");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds after which a retry is reasonable, for the {@code Retry-After} header. */
  public int retryAfter() {
    return retryAfterSeconds;
  }
}
