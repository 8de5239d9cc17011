package dev.backprop.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this replica watches its database (see {@link DatabaseAvailability}).
 *
 * @param checkInterval how often the database is checked, on a connection of the check's own
 *     (outside the pool); a failure reported by a request or a job brings the next check forward
 * @param checkTimeout how long one check may take before it counts as a failure (JDBC's {@code
 *     isValid} and, on PostgreSQL, the connect and login timeouts; whole seconds, at least 1)
 * @param unavailableAfter how long the database must have been unreachable (since the last check
 *     that succeeded) before readiness says DOWN; requests that need it fail fast with 503 as soon
 *     as a check fails. With the defaults readiness is DOWN within about 1.5 s of an outage and UP
 *     within one check interval of its end
 * @param retryAfter what the {@code Retry-After} header of a 503 tells clients while the database
 *     is unreachable
 */
@ConfigurationProperties("backprop.database")
public record DatabaseProperties(
    @DefaultValue("500ms") Duration checkInterval,
    @DefaultValue("1s") Duration checkTimeout,
    @DefaultValue("1s") Duration unavailableAfter,
    @DefaultValue("1s") Duration retryAfter) {

  public DatabaseProperties {
    if (checkInterval == null || checkInterval.toMillis() < 10) {
      throw new IllegalArgumentException("backprop.database.check-interval must be >= 10ms");
    }
    if (checkTimeout == null || checkTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("backprop.database.check-timeout must be > 0");
    }
    if (unavailableAfter == null || unavailableAfter.isNegative()) {
      throw new IllegalArgumentException("backprop.database.unavailable-after must be >= 0");
    }
    if (retryAfter == null || retryAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("backprop.database.retry-after must be >= 1s");
    }
  }

  /** {@link #checkTimeout()} in whole seconds, rounded up (JDBC counts timeouts in seconds). */
  int checkTimeoutSeconds() {
    return (int) Math.max(1, (checkTimeout.toMillis() + 999) / 1000);
  }
}
