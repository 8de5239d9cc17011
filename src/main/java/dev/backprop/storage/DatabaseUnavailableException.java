package dev.backprop.storage;

import dev.backprop.domain.NotReadyException;
import java.time.Duration;

/**
 * The request needs the database, and this replica cannot reach it now. Answered with 503 and
 * {@code Retry-After}.
 */
public class DatabaseUnavailableException extends NotReadyException {

  private static final long serialVersionUID = 1L;

  /** What every answer to such a request says first. */
  public static final String DETAIL = "the database is unreachable";

  public DatabaseUnavailableException(String why, Duration retryAfter) {
    super(why == null ? DETAIL : DETAIL + ": " + why, retryAfter);
  }
}
