package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backprop.engine.EpochMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EpochLogTest {

  private final List<List<Integer>> stores = new ArrayList<>();
  private final AtomicInteger counted = new AtomicInteger();
  private final RunningJob handle = new RunningJob("net");
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "writer"));

  private EpochLog log(boolean stillMine) {
    return new EpochLog(
        records -> {
          stores.add(epochsOf(records));
          return stillMine;
        },
        counted::incrementAndGet,
        handle,
        Runnable::run);
  }

  /** A log whose stores at the interval run on the test's writer thread. */
  private EpochLog onWriter(EpochLog.Store store) {
    return new EpochLog(store, () -> {}, handle, writer);
  }

  private static List<Integer> epochsOf(List<EpochRecord> records) {
    return records.stream().map(EpochRecord::epoch).toList();
  }

  /** Lets {@link EpochLog#FLUSH_INTERVAL} pass, so that the next epoch starts a store. */
  private static void waitOutTheInterval() throws InterruptedException {
    Thread.sleep(EpochLog.FLUSH_INTERVAL.toMillis() + 20);
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
    waitOutTheInterval();
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
            handle,
            Runnable::run);
    log.onEpoch(epoch(1));
    log.flushQuietly(UUID.randomUUID());
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.NONE);
  }

  @Test
  void theTrainingThreadGoesOnWhileTheWriterStoresAndTheRowsStayInOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> stored = new CopyOnWriteArrayList<>();
    List<String> storedOn = new CopyOnWriteArrayList<>();
    EpochLog log =
        onWriter(
            records -> {
              storedOn.add(Thread.currentThread().getName());
              if (stored.isEmpty()) {
                await(release); // the first store hangs until the test lets it go
              }
              stored.add(epochsOf(records));
              return true;
            });
    waitOutTheInterval();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          log.onEpoch(epoch(1)); // starts the store, which hangs
          waitOutTheInterval();
          log.onEpoch(epoch(2)); // the interval passed, but a store is under way: 2 waits
          log.onEpoch(epoch(3));
        });
    assertThat(stored).isEmpty();
    release.countDown();
    log.flush(); // waits for [1], then stores [2, 3] in place
    assertThat(stored).containsExactly(List.of(1), List.of(2, 3));
    assertThat(storedOn.get(0)).isEqualTo("writer");
    assertThat(storedOn.get(1)).isEqualTo(Thread.currentThread().getName());
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.NONE);
  }

  @Test
  void aWritersFailureEndsTheRunAndItsEpochsAreStoredByTheLastFlush() throws Exception {
    IllegalStateException gone = new IllegalStateException("database gone");
    List<List<Integer>> tried = new CopyOnWriteArrayList<>();
    EpochLog log =
        onWriter(
            records -> {
              tried.add(epochsOf(records));
              if (tried.size() == 1) {
                throw gone;
              }
              return true;
            });
    waitOutTheInterval();
    log.onEpoch(epoch(1)); // the writer's store fails
    drainWriter();
    assertThatThrownBy(() -> log.onEpoch(epoch(2))).isSameAs(gone);
    log.flushQuietly(UUID.randomUUID()); // as JobExecution does when a run ends on an exception
    assertThat(tried).containsExactly(List.of(1), List.of(1, 2));
  }

  @Test
  void aWritersStoreThatFindsTheJobGoneCancelsTheAttempt() throws Exception {
    List<List<Integer>> tried = new CopyOnWriteArrayList<>();
    EpochLog log =
        onWriter(
            records -> {
              tried.add(epochsOf(records));
              return false;
            });
    waitOutTheInterval();
    log.onEpoch(epoch(1));
    drainWriter();
    assertThat(tried).containsExactly(List.of(1));
    log.onEpoch(epoch(2)); // sees the writer's answer
    assertThat(handle.stop()).isEqualTo(RunningJob.Stop.CANCELLED);
  }

  @AfterEach
  void stopWriter() {
    writer.shutdownNow();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Returns once the writer's tasks so far have ended (it runs them one at a time, in order). */
  private void drainWriter() throws Exception {
    writer.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }
}
