package dev.backprop.prediction;

import dev.backprop.domain.NotReadyException;
import java.time.Duration;

/**
 * A model's batching queue is full: the service cannot take the request now, and the client may
 * retry after {@link #retryAfter()}.
 */
public class QueueFullException extends NotReadyException {

  private static final long serialVersionUID = 1L;

  QueueFullException(String model, int queued, Duration retryAfter) {
    super(
        "model '"
            + model
            + "' has "
            + queued
            + " requests waiting, the most allowed (backprop.serving.max-queue-size); retry"
            + " later",
        retryAfter);
  }
}
