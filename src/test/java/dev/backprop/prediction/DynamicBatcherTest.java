package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backprop.engine.Activation;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Predictor;
import dev.backprop.network.LayerDefinition;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkDefinition;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionResponse;
import dev.backprop.web.Problems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The dynamic batcher alone: correctness under concurrency, the bounded queue, turning it off. */
class DynamicBatcherTest {

  /** Stored ids of the versions the tests make up, distinct like the database's. */
  static final java.util.concurrent.atomic.AtomicLong IDS =
      new java.util.concurrent.atomic.AtomicLong();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ExecutorService pool = Executors.newFixedThreadPool(64);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * A feedforward that counts down {@code entered} on the way in, then holds its caller until
   * {@code release} opens, so a test can fill the queue behind it.
   */
  static DynamicBatcher.Feedforward heldUntil(CountDownLatch release, CountDownLatch entered) {
    return (model, n, input, output) -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Predictor.predictInto(model, n, input, output);
    };
  }

  @Test
  void concurrentCallersEachGetTheirOwnRowsEqualToUnbatchedPredictions() throws Exception {
    // 4-16-3: batches of up to 64 rows stay on the engine's plain-Java path, so bit-identical.
    TrainedVersion trained = version("batched", 4, 16, 3);
    DynamicBatcher batcher = batcher(64, Duration.ofMillis(1), 1024);
    AtomicInteger feedforwards = new AtomicInteger();
    batcher.feedforward(
        (model, n, input, output) -> {
          feedforwards.incrementAndGet();
          // The Java kernel answers 4-16-3 in well under a microsecond: hold each batch a little,
          // as a real model's feedforward would, so that callers do arrive while one runs.
          LockSupport.parkNanos(50_000);
          Predictor.predictInto(model, n, input, output);
        });
    int callers = 64;
    int rounds = 50;
    CyclicBarrier start = new CyclicBarrier(callers);
    List<Future<Integer>> results = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      results.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(caller);
                start.await();
                int rowsPredicted = 0;
                for (int round = 0; round < rounds; round++) {
                  int n = 1 + random.nextInt(8); // mixed row counts, 1..8
                  float[] input = new float[n * 4];
                  for (int i = 0; i < input.length; i++) {
                    input[i] = (float) random.nextGaussian() + caller;
                  }
                  float[] copy = input.clone();
                  float[] output = batcher.predict(trained, input, n);
                  assertThat(input).isEqualTo(copy);
                  assertThat(output).isEqualTo(Predictor.predictFlat(trained.model(), copy, n));
                  rowsPredicted += n;
                }
                return rowsPredicted;
              }));
    }
    int rows = 0;
    for (Future<Integer> result : results) {
      rows += result.get(2, TimeUnit.MINUTES);
    }
    var batchSizes = registry.get("backprop.inference.batch.size").summary();
    assertThat((long) batchSizes.totalAmount()).isEqualTo(rows);
    assertThat(batchSizes.count()).isEqualTo(feedforwards.get());
    assertThat(batchSizes.max()).isLessThanOrEqualTo(64);
    // 64 callers on two cores: some requests share a feedforward.
    assertThat(feedforwards.get()).isLessThan(callers * rounds);
    assertThat(batcher.queued(trained)).isZero();
  }

  @Test
  void largeBatchesOnTheGemmPathMatchWithinRounding() throws Exception {
    TrainedVersion trained = version("gemm", 784, 256, 10);
    DynamicBatcher batcher = batcher(64, Duration.ofMillis(1), 1024);
    List<Future<?>> results = new ArrayList<>();
    CyclicBarrier start = new CyclicBarrier(32);
    for (int c = 0; c < 32; c++) {
      int caller = c;
      results.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(caller);
                start.await();
                for (int round = 0; round < 5; round++) {
                  int n = 1 + random.nextInt(4);
                  float[] input = new float[n * 784];
                  for (int i = 0; i < input.length; i++) {
                    input[i] = (float) random.nextDouble();
                  }
                  float[] output = batcher.predict(trained, input, n);
                  float[] alone = Predictor.predictFlat(trained.model(), input, n);
                  assertThat(output).hasSameSizeAs(alone);
                  for (int i = 0; i < alone.length; i++) {
                    assertThat(output[i])
                        .isCloseTo(alone[i], org.assertj.core.data.Offset.offset(1e-5f));
                  }
                }
                return null;
              }));
    }
    for (Future<?> result : results) {
      result.get(2, TimeUnit.MINUTES);
    }
  }

  @Test
  void aFullQueueIsRefusedAtOnceAndTheWaitingRequestsStillComplete() throws Exception {
    TrainedVersion trained = version("full", 4, 8, 3);
    DynamicBatcher batcher = batcher(64, Duration.ZERO, 2);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    batcher.feedforward(heldUntil(release, running));
    float[] row = {1, 2, 3, 4};
    Future<float[]> leader = pool.submit(() -> batcher.predict(trained, row, 1));
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    Future<float[]> second = pool.submit(() -> batcher.predict(trained, row, 1));
    Future<float[]> third = pool.submit(() -> batcher.predict(trained, row, 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> batcher.queued(trained) == 2);

    assertThatThrownBy(() -> batcher.predict(trained, row, 1))
        .isInstanceOfSatisfying(
            QueueFullException.class,
            e -> {
              assertThat(Problems.of(e).status().value()).isEqualTo(503);
              assertThat(e.retryAfter()).isPositive();
            });
    assertThat(registry.get("backprop.inference.rejected").counter().count()).isEqualTo(1);

    release.countDown();
    float[] expected = Predictor.predictFlat(trained.model(), row, 1);
    assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    assertThat(third.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    // the two that waited ran together, after the leader's own batch
    assertThat(registry.get("backprop.inference.batch.size").summary().count()).isEqualTo(2);
  }

  @Test
  void aFailingFeedforwardFailsEveryCallerOfTheBatchAndFreesTheLane() throws Exception {
    TrainedVersion trained = version("failing", 4, 8, 3);
    DynamicBatcher batcher = batcher(64, Duration.ZERO, 16);
    batcher.feedforward(
        (model, n, input, output) -> {
          throw new IllegalStateException("boom");
        });
    assertThatThrownBy(() -> batcher.predict(trained, new float[] {1, 2, 3, 4}, 1))
        .hasMessage("boom");
    batcher.feedforward(Predictor::predictInto);
    assertThat(batcher.predict(trained, new float[] {1, 2, 3, 4}, 1)).hasSize(3);
  }

  @Test
  void batchSizeOneCallsTheFeedforwardDirectlyForEveryRequest() throws Exception {
    TrainedVersion trained = version("unbatched", 4, 8, 3);
    DynamicBatcher batcher = batcher(1, Duration.ofMillis(1), 1);
    CountDownLatch inside = new CountDownLatch(8);
    CountDownLatch release = new CountDownLatch(1);
    batcher.feedforward(heldUntil(release, inside));
    List<Future<float[]>> results = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      float[] row = {c, 1, 2, 3};
      results.add(pool.submit(() -> batcher.predict(trained, row, 1)));
    }
    // all eight are inside the feedforward at once: none queued, none refused
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    for (int c = 0; c < 8; c++) {
      float[] row = {c, 1, 2, 3};
      assertThat(results.get(c).get(30, TimeUnit.SECONDS))
          .isEqualTo(Predictor.predictFlat(trained.model(), row, 1));
    }
    assertThat(registry.get("backprop.inference.batch.size").summary().max()).isEqualTo(1);
  }

  private DynamicBatcher batcher(int maxBatchSize, Duration maxQueueDelay, int maxQueueSize) {
    return new DynamicBatcher(
        new ServingProperties(
            DataSize.ofMegabytes(64),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            maxBatchSize,
            maxQueueDelay,
            maxQueueSize,
            Duration.ZERO),
        new ServingMetrics(registry));
  }

  /** A version of a network inputs-hidden-outputs (relu, softmax) with seeded weights. */
  static TrainedVersion version(String name, int inputs, int hidden, int outputs) {
    NetworkSpec spec =
        new NetworkSpec(
            inputs,
            List.of(
                new LayerSpec(hidden, Activation.RELU), new LayerSpec(outputs, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            Initializer.XAVIER,
            7);
    NetworkDefinition definition =
        new NetworkDefinition(
            name,
            inputs,
            null,
            List.of(new LayerDefinition(hidden, "relu"), new LayerDefinition(outputs, "softmax")),
            "cross_entropy",
            "xavier",
            7L,
            null);
    return new TrainedVersion(
        IDS.incrementAndGet(),
        new Network(definition, spec, Instant.now()),
        new VersionResponse(1, Instant.now(), null, null, null),
        new Model(spec, Parameters.initialize(spec), null));
  }
}
