package dev.backprop.prediction;

import static dev.backprop.prediction.DynamicBatcherTest.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.engine.Predictor;
import dev.backprop.network.TrainedVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * {@code batch-min-row-time}: a version whose batches show it cheaper per row than that is not
 * batched; a request that finds its batch running runs on its own instead of waiting for the next.
 */
class CheapVersionsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final float[] row = {1, 2, 3, 4};

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCheapVersionsRequestRunsAloneWhileItsBatchRuns() throws Exception {
    TrainedVersion trained = version("cheap", 4, 8, 3);
    DynamicBatcher batcher = batcher(Duration.ofHours(1)); // every measured version is cheap
    float[] expected = Predictor.predictFlat(trained.model(), row, 1);
    assertThat(batcher.predict(trained, row, 1)).isEqualTo(expected); // measured: cheap

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = holdTheFirst(batcher, release);
    Future<float[]> leader = pool.submit(() -> batcher.predict(trained, row, 1));
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

    Future<float[]> second = pool.submit(() -> batcher.predict(trained, row, 1));
    assertThat(second.get(30, TimeUnit.SECONDS))
        .as("not queued behind the held batch")
        .isEqualTo(expected);
    assertThat(leader.isDone()).isFalse();
    assertThat(batcher.queued(trained)).isZero();
    release.countDown();
    assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
  }

  @Test
  void aVersionNotCheapEnoughIsStillBatched() throws Exception {
    assertQueuesBehindTheHeldBatch(Duration.ofNanos(1)); // no feedforward takes under 1 ns a row
  }

  @Test
  void zeroBatchesEveryVersion() throws Exception {
    assertQueuesBehindTheHeldBatch(Duration.ZERO);
  }

  private void assertQueuesBehindTheHeldBatch(Duration minRowTime) throws Exception {
    TrainedVersion trained = version("batched", 4, 8, 3);
    DynamicBatcher batcher = batcher(minRowTime);
    float[] expected = Predictor.predictFlat(trained.model(), row, 1);
    assertThat(batcher.predict(trained, row, 1)).isEqualTo(expected);

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = holdTheFirst(batcher, release);
    Future<float[]> leader = pool.submit(() -> batcher.predict(trained, row, 1));
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    Future<float[]> second = pool.submit(() -> batcher.predict(trained, row, 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> batcher.queued(trained) == 1);
    assertThat(second.isDone()).isFalse();
    release.countDown();
    assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
  }

  /** Holds the first feedforward after this call until {@code release}; the others run at once. */
  private static CountDownLatch holdTheFirst(DynamicBatcher batcher, CountDownLatch release) {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean held = new AtomicBoolean();
    batcher.feedforward(
        (model, n, input, output) -> {
          if (held.compareAndSet(false, true)) {
            running.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Predictor.predictInto(model, n, input, output);
        });
    return running;
  }

  private DynamicBatcher batcher(Duration minRowTime) {
    return new DynamicBatcher(
        new ServingProperties(
            DataSize.ofMegabytes(64),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            64,
            Duration.ZERO,
            1024,
            minRowTime),
        new ServingMetrics(registry));
  }
}
