package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The availability state on a database that a test switches off and on, and a clock it moves:
 * checks are run by the test, one at a time, except where the checking thread is the subject.
 */
class DatabaseAvailabilityTest {

  static final DatabaseProperties PROPERTIES =
      new DatabaseProperties(
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2));

  /** A database that refuses connections while {@link #down} and whose connections can be cut. */
  static final class FakeDatabase {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final List<AtomicBoolean> alive = new CopyOnWriteArrayList<>();

    Connection connect() throws SQLException {
      connects.incrementAndGet();
      if (down.get()) {
        throw new SQLNonTransientConnectionException(
            "FATAL: database \"x\" is not currently accepting connections", "55000");
      }
      AtomicBoolean open = new AtomicBoolean(true);
      alive.add(open);
      Connection connection = mock(Connection.class);
      when(connection.isValid(anyInt()))
          .thenAnswer(
              i -> {
                validations.incrementAndGet();
                return open.get() && !down.get();
              });
      return connection;
    }

    /** {@code pg_terminate_backend} of every connection. */
    void terminateAll() {
      alive.forEach(a -> a.set(false));
    }
  }

  final FakeDatabase database = new FakeDatabase();
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  DatabaseAvailability availability(DatabaseProperties properties) {
    return new DatabaseAvailability(
        new DatabaseProbe(database::connect, true, properties.checkTimeoutSeconds()),
        properties,
        now::get);
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  @Test
  void aFailedCheckRefusesAtOnceAndReadinessFollowsAfterUnavailableAfter() {
    DatabaseAvailability availability = availability(PROPERTIES);
    List<Boolean> changes = new CopyOnWriteArrayList<>();
    availability.addListener(changes::add);
    assertThat(availability.isAvailable()).isTrue();
    assertThat(availability.isReady()).isTrue();
    assertThat(availability.lastFailure()).isNull();

    advance(Duration.ofMillis(500));
    availability.check(); // the last success
    database.down.set(true);
    advance(Duration.ofMillis(500));
    availability.check();
    assertThat(availability.isAvailable()).as("refused from the first failed check").isFalse();
    assertThat(availability.isReady()).as("0.5 s after the last success").isTrue();
    assertThat(availability.lastFailure()).contains("not currently accepting connections");

    advance(Duration.ofMillis(499));
    availability.check();
    assertThat(availability.isReady()).as("0.999 s after the last success").isTrue();
    advance(Duration.ofMillis(1));
    availability.check();
    assertThat(availability.isReady()).as("1 s after the last success").isFalse();
    advance(Duration.ofMinutes(5));
    assertThat(availability.isReady()).isFalse();

    database.down.set(false);
    availability.check();
    assertThat(availability.isAvailable()).isTrue();
    assertThat(availability.isReady()).isTrue();
    assertThat(availability.lastFailure()).isNull();
    assertThat(changes).containsExactly(false, true);
    availability.close();
  }

  @Test
  void aCheckKeepsItsConnectionAndReplacesABrokenOneAtOnce() {
    DatabaseAvailability availability = availability(PROPERTIES);
    availability.check();
    availability.check();
    assertThat(database.connects.get()).as("one connection for every check").isEqualTo(1);

    database.terminateAll(); // its connection is cut, the database is up
    availability.check();
    assertThat(availability.isAvailable()).isTrue();
    assertThat(database.connects.get()).isEqualTo(2);
    availability.close();
  }

  @Test
  void unavailableAfterZeroMakesReadinessFollowTheLastCheck() {
    DatabaseAvailability availability =
        availability(
            new DatabaseProperties(
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofSeconds(1)));
    database.down.set(true);
    availability.check();
    assertThat(availability.isReady()).isFalse();
    availability.close();
  }

  @Test
  void onlyConnectionFailuresCountAsUnreachable() {
    DatabaseAvailability availability = availability(PROPERTIES);
    assertThat(availability.reportFailure(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(availability.reportFailure(new IllegalStateException("no"))).isFalse();
    assertThat(availability.reportFailure(new SQLTransientConnectionException("timeout"))).isTrue();
    assertThat(availability.isAvailable()).as("a report alone changes nothing").isTrue();
    assertThat(availability.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    availability.close();
  }

  @Test
  void aReportedFailureBringsTheNextCheckForward() throws Exception {
    // An hour between checks: a check seen within the test came from the report.
    DatabaseAvailability availability =
        availability(
            new DatabaseProperties(
                Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)));
    int constructorChecks = database.validations.get();
    availability.start();
    // The thread's first check, at once; the next one is an hour away.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> database.validations.get() > constructorChecks);
    int before = database.connects.get();
    database.down.set(true);
    database.terminateAll();

    // A request refused because the outage is already known is no news: no check.
    availability.reportFailure(new GatedDataSource.UnreachableException("known"));
    Thread.sleep(300);
    assertThat(availability.isAvailable()).as("no check ran").isTrue();

    availability.reportFailure(new SQLTransientConnectionException("the pool gave up"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !availability.isAvailable());
    assertThat(database.connects.get()).isGreaterThan(before);
    availability.close();
  }

  @Test
  void awaitAvailableReturnsOnceACheckSucceeds() throws Exception {
    DatabaseAvailability availability = availability(PROPERTIES);
    assertThat(availability.awaitAvailable(Duration.ZERO)).isTrue();
    database.down.set(true);
    availability.check();
    assertThat(availability.awaitAvailable(Duration.ofMillis(10))).isFalse();

    CountDownLatch waiting = new CountDownLatch(1);
    AtomicBoolean result = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              waiting.countDown();
              try {
                result.set(availability.awaitAvailable(Duration.ofMinutes(1)));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    database.down.set(false);
    availability.check();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(waiter.isAlive()).isFalse();
    assertThat(result.get()).isTrue();
    availability.close();
  }

  @Test
  void propertiesRefuseNonsense() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new DatabaseProperties(
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)))
        .withMessageContaining("check-interval");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new DatabaseProperties(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO))
        .withMessageContaining("retry-after");
    assertThat(
            new DatabaseProperties(
                    Duration.ofSeconds(1),
                    Duration.ofMillis(1500),
                    Duration.ZERO,
                    Duration.ofSeconds(1))
                .checkTimeoutSeconds())
        .isEqualTo(2);
  }
}
