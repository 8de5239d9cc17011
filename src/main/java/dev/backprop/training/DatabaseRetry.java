package dev.backprop.training;

import dev.backprop.engine.TrainingCancelledException;
import dev.backprop.storage.DatabaseAvailability;
import dev.backprop.storage.DatabaseFailures;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;

/**
 * Carries a running job's database work through an outage: an operation that fails because the
 * database cannot be reached (a terminated connection, a refused one, the database known to be
 * away) is tried again, after a {@link RetryBackoff} wait, until it goes through. Meanwhile the
 * job's thread waits where it is, at the end of an epoch or between two batches: the job is paused,
 * not failed, and goes on in the same attempt. Any other failure is thrown at once.
 */
@Component
class DatabaseRetry {

  private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);

  private final DatabaseAvailability availability;
  private final TrainingProperties properties;
  private final AtomicLong seeds = new AtomicLong(0x5EED);

  DatabaseRetry(DatabaseAvailability availability, TrainingProperties properties) {
    this.availability = availability;
    this.properties = properties;
  }

  /** Whether {@code failure} says the database was away, so that trying again can succeed. */
  boolean isTransient(RuntimeException failure) {
    if (failure instanceof TransactionSystemException rollback) {
      if (rollback.getApplicationException() instanceof RuntimeException cause) {
        // A connection lost inside a transaction takes the rollback with it, and Spring throws
        // the rollback's failure ("Connection is closed"); the one that counts is what it rolled
        // back.
        return isTransient(cause);
      }
      if (rollback.getCause() instanceof SQLException) {
        // A commit that failed, then its rollback: Spring throws only the rollback's failure (it
        // logs the commit's), and the pool names the lost connection "Connection is closed"
        // without an SQL state. A JDBC rollback fails like that only on a connection that is gone.
        return true;
      }
    }
    return DatabaseFailures.isUnreachable(failure)
        || failure instanceof TransientDataAccessException;
  }

  /** A new backoff for one retrying loop, on a seed of its own. */
  RetryBackoff backoff() {
    return new RetryBackoff(
        properties.retryMinDelay(), properties.retryMaxDelay(), seeds.incrementAndGet());
  }

  /**
   * Runs {@code action} until it completes, retrying while the database is away.
   *
   * @param what what the action does, for the log
   * @param stop checked before each wait: once true, the last failure is thrown
   * @throws TrainingCancelledException if the waiting thread is interrupted
   */
  <T> T untilDone(String what, Supplier<T> action, BooleanSupplier stop) {
    RetryBackoff backoff = null;
    long pausedAt = 0;
    while (true) {
      try {
        T result = action.get();
        if (backoff != null) {
          log.info(
              "{}: done after the database came back ({} ms paused)",
              what,
              (System.nanoTime() - pausedAt) / 1_000_000);
        }
        return result;
      } catch (RuntimeException e) {
        if (!isTransient(e) || stop.getAsBoolean()) {
          throw e;
        }
        availability.reportFailure(e);
        if (backoff == null) {
          backoff = backoff();
          pausedAt = System.nanoTime();
          log.warn(
              "{}: the database is unreachable ({}); paused until it is back", what, e.toString());
        }
        await(backoff.next());
      }
    }
  }

  /**
   * Waits {@code wait}, or, while the database is known to be away, until it is back (at most
   * {@code wait}), so that a job goes on within moments of the database's return.
   */
  private void await(Duration wait) {
    try {
      if (availability.isAvailable()) {
        Thread.sleep(wait.toMillis());
      } else {
        availability.awaitAvailable(wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingCancelledException("interrupted while waiting for the database");
    }
  }
}
