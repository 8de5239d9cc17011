package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.backprop.domain.NotFoundException;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionCreatedEvent;
import dev.backprop.network.VersionKey;
import dev.backprop.network.VersionResponse;
import dev.backprop.storage.DatabaseAvailability;
import dev.backprop.storage.DatabaseFailures;
import dev.backprop.storage.DatabaseUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.util.unit.DataSize;

/**
 * The model cache on a mocked network service and database, with a clock the test moves: what it
 * asks the database and when, what it serves while the database is away, and that a network defined
 * again under its old name is never answered with the old model.
 */
class ModelCacheTest {

  static final Duration REFRESH = Duration.ofSeconds(1);
  static final Duration STALE_LATEST = Duration.ofSeconds(10);

  final NetworkService networks = mock(NetworkService.class);
  final DatabaseAvailability database = mock(DatabaseAvailability.class);
  final AtomicLong now = new AtomicLong(5_000_000_000L);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ModelCache cache =
      new ModelCache(
          networks,
          new ServingProperties(
              DataSize.ofMegabytes(1),
              REFRESH,
              STALE_LATEST,
              64,
              Duration.ofMillis(1),
              1024,
              Duration.ZERO),
          database,
          registry,
          now::get);

  @BeforeEach
  void aReachableDatabaseThatLoadsAnyId() {
    when(database.isAvailable()).thenReturn(true);
    when(database.retryAfter()).thenReturn(Duration.ofSeconds(1));
    when(database.reportFailure(any()))
        .thenAnswer(i -> DatabaseFailures.isUnreachable(i.getArgument(0)));
    when(networks.load(anyLong())).thenAnswer(i -> version(i.getArgument(0), "iris", 1));
  }

  static TrainedVersion version(long id, String name, int number) {
    TrainedVersion made = DynamicBatcherTest.version(name, 4, 3, 3);
    return new TrainedVersion(
        id,
        made.network(),
        new VersionResponse(number, Instant.now(), null, null, null),
        made.model());
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  void databaseGoesAway() {
    when(database.isAvailable()).thenReturn(false);
    CannotGetJdbcConnectionException refused =
        new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("the database is unreachable"));
    when(networks.locate(any(), any())).thenThrow(refused);
    when(networks.load(anyLong())).thenThrow(refused);
  }

  @Test
  void aResolutionIsTrustedForVersionRefreshThenAskedAgain() {
    when(networks.locate("iris", "latest")).thenReturn(new VersionKey(11, 1));
    TrainedVersion first = cache.get("iris", null);
    assertThat(first.id()).isEqualTo(11);
    advance(REFRESH.minusMillis(1));
    assertThat(cache.get("iris", "latest")).isSameAs(first);
    verify(networks, times(1)).locate("iris", "latest");

    advance(Duration.ofMillis(1));
    assertThat(cache.get("iris", "latest")).isSameAs(first);
    verify(networks, times(2)).locate("iris", "latest");
    verify(networks, times(1)).load(11L);
  }

  @Test
  void aNetworkDefinedAgainElsewhereIsServedItsNewModelAfterTheRefresh() {
    when(networks.locate("iris", "1")).thenReturn(new VersionKey(11, 1));
    TrainedVersion old = cache.get("iris", "1");
    // Another replica deletes iris and defines it again: its version 1 is another stored row.
    when(networks.locate("iris", "1")).thenReturn(new VersionKey(12, 1));
    assertThat(cache.get("iris", "1")).as("within the refresh").isSameAs(old);
    advance(REFRESH);
    TrainedVersion renewed = cache.get("iris", "1");
    assertThat(renewed.id()).isEqualTo(12);
    assertThat(renewed).isNotSameAs(old);
  }

  @Test
  void aDeletedNetworkIsForgottenAndNotServedEvenInALaterOutage() {
    when(networks.locate("iris", "1")).thenReturn(new VersionKey(11, 1));
    cache.get("iris", "1");
    advance(REFRESH);
    when(networks.locate("iris", "1")).thenThrow(new NotFoundException("network 'iris'"));
    assertThatThrownBy(() -> cache.get("iris", "1")).isInstanceOf(NotFoundException.class);

    databaseGoesAway();
    assertThatThrownBy(() -> cache.get("iris", "1"))
        .isInstanceOf(CannotGetJdbcConnectionException.class);
  }

  @Test
  void withoutTheDatabaseAPinnedVersionIsServedForeverAndLatestUntilStaleLatestMax() {
    when(networks.locate("iris", "2")).thenReturn(new VersionKey(12, 2));
    when(networks.locate("iris", "latest")).thenReturn(new VersionKey(12, 2));
    TrainedVersion pinned = cache.get("iris", "2");
    assertThat(cache.get("iris", "latest")).isSameAs(pinned);

    databaseGoesAway();
    advance(STALE_LATEST);
    assertThat(cache.get("iris", "latest")).isSameAs(pinned);
    advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> cache.get("iris", "latest"))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("backprop.serving.stale-latest-max");
    advance(Duration.ofDays(3));
    assertThat(cache.get("iris", "2")).isSameAs(pinned);

    // What was never resolved, or resolved but not cached, needs the database.
    assertThatThrownBy(() -> cache.get("iris", "1"))
        .isInstanceOf(CannotGetJdbcConnectionException.class);
  }

  @Test
  void anOutageNotYetDetectedFallsBackToWhatWasKnown() {
    when(networks.locate("iris", "latest")).thenReturn(new VersionKey(11, 1));
    TrainedVersion known = cache.get("iris", "latest");
    advance(REFRESH);
    when(networks.locate("iris", "latest"))
        .thenThrow(
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available")));
    assertThat(cache.get("iris", "latest")).isSameAs(known);
    verify(database).reportFailure(any(CannotGetJdbcConnectionException.class));
  }

  @Test
  void aResolvedVersionWhoseModelWasEvictedNeedsTheDatabase() {
    // 250-120-3: 30,483 parameters, 243,372 bytes (weights twice); four fit in the cache's 1 MB,
    // five do not.
    when(networks.load(anyLong()))
        .thenAnswer(i -> DynamicBatcherTest.version("n" + i.getArgument(0), 250, 120, 3));
    for (int id = 1; id <= 5; id++) {
      when(networks.locate("n" + id, "1")).thenReturn(new VersionKey(id, 1));
      cache.get("n" + id, "1");
    }
    databaseGoesAway();
    int refused = 0;
    for (int id = 1; id <= 5; id++) {
      try {
        cache.get("n" + id, "1");
      } catch (RuntimeException e) {
        assertThat(DatabaseFailures.isUnreachable(e)).as(e.toString()).isTrue();
        refused++;
      }
    }
    assertThat(refused).as("the evicted one").isEqualTo(1);
  }

  @Test
  void changesMadeOnThisReplicaAreSeenAtOnce() {
    when(networks.locate("iris", "latest")).thenReturn(new VersionKey(11, 1));
    cache.get("iris", "latest");
    when(networks.locate("iris", "latest")).thenReturn(new VersionKey(12, 2));
    cache.onVersionCreated(new VersionCreatedEvent("iris", 2));
    assertThat(cache.get("iris", "latest").id()).isEqualTo(12);

    cache.onNetworkDeleted(new NetworkDeletedEvent("iris"));
    when(networks.locate("iris", "latest")).thenThrow(new NotFoundException("network 'iris'"));
    assertThatThrownBy(() -> cache.get("iris", "latest")).isInstanceOf(NotFoundException.class);
    verify(networks, times(3)).locate("iris", "latest");
  }
}
