package dev.backprop.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health indicator (part of the readiness group), in place of Spring Boot's, which
 * queries the database on each call and so needs the pool's whole connection timeout to notice an
 * outage: this one answers from {@link DatabaseAvailability}'s last check, without any I/O.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

  private final DatabaseAvailability availability;

  DatabaseHealthIndicator(DatabaseAvailability availability) {
    this.availability = availability;
  }

  @Override
  public Health health() {
    if (availability.isReady()) {
      return Health.up().withDetail("reachable", availability.isAvailable()).build();
    }
    return Health.down().withDetail("reason", String.valueOf(availability.lastFailure())).build();
  }
}
