package dev.backprop.domain;

import java.time.Duration;
import java.util.List;

/**
 * The service cannot answer now but may soon: a full prediction queue, a database that is away.
 * {@link #retryAfter()} tells the client when a retry is reasonable.
 */
public class NotReadyException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public NotReadyException(String detail, Duration retryAfter) {
    super(detail, List.of());
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
