package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EpochLogTest {

  private final List<List<Integer>> stores = new ArrayList<>();
  private final AtomicInteger counted = new AtomicInteger();
  private final RunningJob handle = new RunningJob("net");

  private EpochLog log(boolean stillMine) {
    return new EpochLog(
        records -> {
          stores.add(records.stream().map(EpochRecord::epoch).toList());
          return stillMine;
        },
        counted::incrementAndGet,
        handle);
  }

  private static EpochMetrics epoch(int n) {
    return new EpochMetrics(n, 1.0 / n, null, 0.5, null);
  }

  @Test
  void epochsWaitForTheIntervalThenAreStoredTogetherInOrder() throws InterruptedException {
    EpochLog log = log(true);
    log.onEpoch(epoch(1));
    log.onEpoch(epoch(2));
    assertThat(stores).isEmpty();
    Thread.sleep(EpochLog.FLUSH_INTERVAL.toMillis() + 20);
    log.onEpoch(epoch(3));
    assertThat(stores).containsExactly(List.of(1, 2, 3));
    log.onEpoch(epoch(4));
    log.flush();
    log.flush(); // nothing left: no empty store
    assertThat(stores).containsExactly(List.of(1, 2, 3), List.of(4));
    assertThat(counted).hasValue(4);
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.NONE);
  }

  @Test
  void aStoreThatFindsTheJobGoneCancelsTheAttempt() {
    EpochLog log = log(false);
    log.onEpoch(epoch(1));
    log.flush();
    assertThat(stores).containsExactly(List.of(1));
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.CANCELLED);
  }

  @Test
  void aFailedStoreOnTheWayOutIsLoggedNotThrown() {
    EpochLog log =
        new EpochLog(
            records -> {
              throw new IllegalStateException("database gone");
            },
            () -> {},
            handle);
    log.onEpoch(epoch(1));
    log.flushQuietly(java.util.UUID.randomUUID());
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.NONE);
  }
}
