package dev.backprop.domain;

import java.time.Duration;
import java.util.List;

/**
 * The service cannot answer now but may soon: a full prediction queue, a database that is away.
 * {@link #retryAfter()} tells the client when a retry is reasonable, if anything can be said.
 */
public class NotReadyException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter when a retry is reasonable, or null when nothing can be said (the client then
   *     gets no {@code Retry-After})
   */
  public NotReadyException(String detail, Duration retryAfter) {
    super(detail, List.of());
    this.retryAfter = retryAfter;
  }

  /** When a retry is reasonable; null if nothing can be said. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
