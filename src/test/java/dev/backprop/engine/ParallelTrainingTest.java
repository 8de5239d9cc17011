package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training with each batch split across threads ({@link BatchSplit}): the same results as one
 * thread within float rounding, the same bits run after run, worker threads that end with the job,
 * and small networks left on one thread.
 */
class ParallelTrainingTest {
  /** 128-256-64-10, batch 128: 128 × 49,792 feedforward multiply-adds, enough for two slices. */
  private static final NetworkSpec LARGE =
      TestNetworks.spec(
          128,
          Loss.CROSS_ENTROPY,
          256,
          Activation.RELU,
          64,
          Activation.TANH,
          10,
          Activation.SOFTMAX);

  // 600 rows: four full batches of 128 and a last one of 28 (after validation's 60), so uneven
  // slices are trained too
  private static final TrainingData DATA = TestNetworks.randomData(LARGE, 600, 11);

  /**
   * Adam at its usual rate 0.001: its step m̂/(√v̂ + ε) has size about η even for a gradient that
   * is rounding noise (a unit relu has switched off), so a difference in the last bits can move
   * such a weight by up to η; at 0.05 that is several 1e-4.
   */
  private static TrainingConfig config(Optimizer optimizer) {
    double eta = optimizer == Optimizer.ADAM ? 0.001 : 0.05;
    return new TrainingConfig(3, 128, eta, optimizer, 0.9, 1e-4, 0.1, true, 7, true, null);
  }

  private static TrainingResult train(TrainingConfig config, int threads, TrainingListener l) {
    return Trainer.train(LARGE, null, DATA, config, l, null, null, null, threads);
  }

  @Test
  void theLargeNetworkIsSplit() {
    assertThat(ThreadChoice.forBatch(LARGE_UNITS, 128, 2)).isEqualTo(2);
    assertThat(ThreadChoice.forBatch(LARGE_UNITS, 128, 1)).isEqualTo(1);
    // much work, but in slices of fewer rows than a split pays for
    assertThat(ThreadChoice.forBatch(new int[] {2048, 256, 64, 10}, 8, 2)).isEqualTo(1);
    // enough rows, too little work
    assertThat(ThreadChoice.forBatch(new int[] {256, 128, 10}, 64, 2, false)).isEqualTo(1);
  }

  @Test
  void theAvx512KernelsNeedLargerSlices() {
    int[] units = {784, 256, 10};
    assertThat(ThreadChoice.forBatch(units, 16, 2, false)).isEqualTo(2);
    assertThat(ThreadChoice.forBatch(units, 16, 2, true)).isEqualTo(1);
    assertThat(ThreadChoice.forBatch(units, 64, 2, true)).isEqualTo(1);
    assertThat(ThreadChoice.forBatch(units, 128, 2, true)).isEqualTo(2);
    assertThat(ThreadChoice.forBatch(LARGE_UNITS, 128, 2, true)).isEqualTo(2);
  }

  private static final int[] LARGE_UNITS = {128, 256, 64, 10};

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void twoThreadsGiveOneThreadsResultWithinRounding(Optimizer optimizer) {
    TrainingResult one = train(config(optimizer), 1, null);
    TrainingResult two = train(config(optimizer), 2, null);

    assertThat(TestNetworks.maxAbsDifference(one.model().parameters(), two.model().parameters()))
        .isLessThan(2e-5f);
    for (int e = 0; e < one.history().size(); e++) {
      EpochMetrics a = one.history().get(e);
      EpochMetrics b = two.history().get(e);
      assertThat(b.loss()).isCloseTo(a.loss(), org.assertj.core.api.Assertions.within(1e-5));
      assertThat(b.validationLoss())
          .isCloseTo(a.validationLoss(), org.assertj.core.api.Assertions.within(1e-5));
      assertThat(b.accuracy()).isEqualTo(a.accuracy());
    }
  }

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void twoThreadsGiveTheSameBitsRunAfterRun(Optimizer optimizer) {
    TrainingResult first = train(config(optimizer), 2, null);
    TrainingResult second = train(config(optimizer), 2, null);

    assertThat(TestNetworks.identical(first.model().parameters(), second.model().parameters()))
        .isTrue();
    assertThat(second.history()).isEqualTo(first.history());
  }

  @Test
  void theWorkerThreadsAreNamedAndEndWithTheJob() throws InterruptedException {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    train(config(Optimizer.SGD), 2, epoch -> seen.addAll(sliceThreads()));

    assertThat(seen).hasSize(1).allMatch(name -> name.matches("backprop-train-\\d+-slice-1"));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!liveThreads(seen).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(liveThreads(seen)).isEmpty();
  }

  private static List<String> sliceThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("backprop-train-")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  private static List<String> liveThreads(Set<String> names) {
    List<String> live = new ArrayList<>(sliceThreads());
    live.retainAll(names);
    return live;
  }

  @Test
  void anInterruptNeitherStopsASplitJobNorGetsLost() {
    TrainingResult quiet = train(config(Optimizer.SGD), 2, null);
    Thread.currentThread().interrupt();
    try {
      TrainingResult interrupted = train(config(Optimizer.SGD), 2, null);

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(interrupted.history()).isEqualTo(quiet.history());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aTinyNetworkStaysOnOneThread() {
    NetworkSpec tiny =
        TestNetworks.spec(4, Loss.CROSS_ENTROPY, 8, Activation.TANH, 3, Activation.SOFTMAX);
    assertThat(ThreadChoice.forBatch(new int[] {4, 8, 3}, 16, 2)).isEqualTo(1);
    TrainingData data = TestNetworks.randomData(tiny, 200, 3);
    TrainingConfig config = TestNetworks.config(4, 16, 0.1, Optimizer.ADAM, true, 5);
    Set<String> seen = ConcurrentHashMap.newKeySet();

    TrainingResult one = Trainer.train(tiny, null, data, config, null, null, null, null, 1);
    TrainingResult two =
        Trainer.train(
            tiny, null, data, config, e -> seen.addAll(sliceThreads()), null, null, null, 2);

    assertThat(seen).isEmpty();
    assertThat(TestNetworks.identical(one.model().parameters(), two.model().parameters())).isTrue();
    assertThat(two.history()).isEqualTo(one.history());
  }
}
