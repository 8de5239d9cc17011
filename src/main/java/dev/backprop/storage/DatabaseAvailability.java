package dev.backprop.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica can reach its database, known within a check interval.
 *
 * <p>A thread of its own checks the database every {@link DatabaseProperties#checkInterval()} on a
 * connection outside the pool ({@link DatabaseProbe}); a failure that a caller {@linkplain
 * #reportFailure reports} brings the next check forward. Only checks change the state, so a request
 * that met one dropped connection does not declare an outage that the next check would deny.
 *
 * <p>While the last check failed, {@link #isAvailable()} is false: the pool refuses connections at
 * once (see {@link GatedDataSource}) and requests that need the database are answered 503 instead
 * of waiting for the pool's connection timeout. Readiness ({@link #isReady()}) turns DOWN once the
 * database has been unreachable for {@link DatabaseProperties#unavailableAfter()}. Both recover on
 * their own with the first check that succeeds.
 */
public class DatabaseAvailability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

  /** Least time between two checks, so that a burst of reported failures is one check. */
  private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final DatabaseProbe probe;
  private final DatabaseProperties properties;
  private final LongSupplier nanoTime;
  private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeup = lock.newCondition();
  private final Condition changed = lock.newCondition();

  private volatile boolean reachable;
  private volatile long lastSuccess;
  private volatile String lastFailure;
  private boolean checkRequested;
  private volatile boolean closed;
  private Thread checker;

  /**
   * Checks once, so that the state is known from the start, but starts no thread: see {@link
   * #start()}.
   */
  DatabaseAvailability(DatabaseProbe probe, DatabaseProperties properties, LongSupplier nanoTime) {
    this.probe = probe;
    this.properties = properties;
    this.nanoTime = nanoTime;
    this.lastSuccess = nanoTime.getAsLong();
    this.reachable = true;
    check();
  }

  /** Starts the thread that checks every {@link DatabaseProperties#checkInterval()}. */
  synchronized void start() {
    if (checker == null && !closed) {
      checker = new Thread(this::run, "database-check");
      checker.setDaemon(true);
      checker.start();
    }
  }

  /** Whether the last check reached the database. While false, what needs it fails fast. */
  public boolean isAvailable() {
    return reachable;
  }

  /**
   * Whether readiness is UP: false once the database has been unreachable for {@link
   * DatabaseProperties#unavailableAfter()} since the last check that succeeded.
   */
  public boolean isReady() {
    return reachable
        || nanoTime.getAsLong() - lastSuccess < properties.unavailableAfter().toNanos();
  }

  /** Why the last check failed, or null while the database is reachable. */
  public String lastFailure() {
    return reachable ? null : lastFailure;
  }

  /** What a client is told to wait before retrying while the database is unreachable. */
  public Duration retryAfter() {
    return properties.retryAfter();
  }

  /**
   * Reports a failure met while using the database. If it says the database cannot be reached, the
   * next check runs now rather than at its interval.
   *
   * @return whether {@code failure} is such a failure (see {@link DatabaseFailures#isUnreachable})
   */
  public boolean reportFailure(Throwable failure) {
    if (!DatabaseFailures.isUnreachable(failure)) {
      return false;
    }
    if (!DatabaseFailures.isKnown(failure)) {
      lock.lock();
      try {
        checkRequested = true;
        wakeup.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return true;
  }

  /**
   * Calls {@code listener} with the new state (true: reachable) on each change, on the checking
   * thread; it must return quickly.
   */
  public void addListener(Consumer<Boolean> listener) {
    listeners.add(listener);
  }

  /**
   * Waits until the database is reachable (returns at once if it is).
   *
   * @return whether it is reachable; false if {@code timeout} passed first or this was closed
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitAvailable(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (!reachable && !closed && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      return reachable;
    } finally {
      lock.unlock();
    }
  }

  /** Checks the database now, on the calling thread, and records the outcome. */
  void check() {
    try {
      probe.check();
      succeeded();
    } catch (Exception e) {
      failed(e);
    }
  }

  private void succeeded() {
    long now = nanoTime.getAsLong();
    long since = lastSuccess;
    lastSuccess = now;
    if (!reachable) {
      log.info(
          "The database is reachable again, after {} ms",
          TimeUnit.NANOSECONDS.toMillis(now - since));
      changeTo(true);
    }
  }

  private void failed(Exception e) {
    lastFailure = String.valueOf(e.getMessage());
    if (reachable) {
      log.warn(
          "The database is unreachable ({}); requests that need it get 503 until it is back",
          lastFailure);
      changeTo(false);
    }
  }

  private void changeTo(boolean state) {
    lock.lock();
    try {
      reachable = state;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Consumer<Boolean> listener : listeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        log.warn("A database availability listener failed", e);
      }
    }
  }

  private void run() {
    long interval = properties.checkInterval().toNanos();
    while (!closed) {
      check();
      lock.lock();
      try {
        long gap = Math.min(MIN_GAP_NANOS, interval);
        long remaining = interval - gap;
        while (!closed && gap > 0) {
          gap = wakeup.awaitNanos(gap);
        }
        while (!closed && !checkRequested && remaining > 0) {
          remaining = wakeup.awaitNanos(remaining);
        }
        checkRequested = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Stops checking and closes the checking connection. */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      closed = true;
      thread = checker;
    }
    lock.lock();
    try {
      wakeup.signalAll();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(properties.checkTimeoutSeconds() + 1L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    probe.close();
  }
}
