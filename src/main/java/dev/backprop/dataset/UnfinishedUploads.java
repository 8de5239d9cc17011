package dev.backprop.dataset;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes, once the service has started, the data sets whose storing never ended (see {@link
 * DatasetRepository#insert}): a process died while it stored them. They are invisible but hold
 * their names and blocks. The embedded H2 database belongs to this process alone, so every such
 * data set in it begun before this process started is a leftover; a PostgreSQL database may be
 * shared with other replicas, which may be storing one right now, so there only those begun more
 * than {@link #SHARED_GRACE} ago go (the blocks of even the largest upload are stored within
 * seconds).
 */
@Component
class UnfinishedUploads {

  static final Duration SHARED_GRACE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(UnfinishedUploads.class);

  private final DatasetRepository repository;
  private final DataSource dataSource;
  private final Clock clock;

  UnfinishedUploads(DatasetRepository repository, DataSource dataSource, Clock clock) {
    this.repository = repository;
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void deleteLeftovers() {
    try {
      int deleted =
          repository.deleteUnfinished(
              embedded() ? processStart() : clock.instant().minus(SHARED_GRACE));
      if (deleted > 0) {
        log.info("Deleted {} data set(s) left incompletely stored by an earlier run", deleted);
      }
    } catch (SQLException | RuntimeException e) {
      // Not worth failing a start for: they are invisible, and the next start tries again.
      log.warn("Could not delete data sets left incompletely stored: {}", e.toString());
    }
  }

  /** Whatever this process stores begins after it started. */
  private static Instant processStart() {
    return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  private boolean embedded() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return "H2".equals(connection.getMetaData().getDatabaseProductName());
    }
  }
}
