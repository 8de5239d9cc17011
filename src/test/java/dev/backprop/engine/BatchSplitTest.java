package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BatchSplit} stepping on every thread: each thread sums the slices' gradients over its own
 * range of the parameters and steps the optimiser there. A thread count gives the same bits run
 * after run, close to one thread's within rounding, with the optimiser's state (momentum's
 * velocities, Adam's moments and its step count) as one thread leaves it.
 */
class BatchSplitTest {
  static final NetworkSpec SPEC =
      TestNetworks.spec(
          96,
          Loss.CROSS_ENTROPY,
          130,
          Activation.RELU,
          40,
          Activation.TANH,
          10,
          Activation.SOFTMAX);

  private static final int ROWS = 300;
  static final TrainingSplit DATA =
      TrainingSplit.of(
          TestNetworks.randomData(SPEC, ROWS, 23),
          TestNetworks.config(1, 64, 0.1, Optimizer.SGD, false, 1),
          null);

  // batches of 64 and a last one of 44 (300 = 4 × 64 + 44), then one-row batches: a split of
  // fewer rows than threads leaves threads without a slice that still step their range
  private static final int[][] BATCHES = {
    {0, 64}, {64, 64}, {128, 64}, {192, 64}, {256, 44}, {7, 1}
  };

  static Stream<Arguments> cases() {
    return TestNetworks.kernels().stream()
        .flatMap(k -> Stream.of(Optimizer.values()).map(o -> Arguments.of(k, o)));
  }

  private static TrainingConfig config(Optimizer optimizer) {
    double eta = optimizer == Optimizer.ADAM ? 0.001 : 0.05;
    return new TrainingConfig(1, 64, eta, optimizer, 0.9, 1e-4, 0, false, 1, false, null);
  }

  /** The parameters, optimiser steps and state after the batches, and the summed losses. */
  private record Outcome(Parameters parameters, long steps, float[][] state, double loss) {}

  private static Outcome train(Kernel kernel, Optimizer optimizer, int threads) {
    int[] order = TrainingSplit.identity(DATA.trainRows);
    try (GradientDescent descent =
        new GradientDescent(
            SPEC, Parameters.initialize(SPEC), config(optimizer), kernel, threads)) {
      double loss = 0;
      for (int round = 0; round < 3; round++) {
        for (int[] batch : BATCHES) {
          loss += descent.step(DATA.x, DATA.y, order, batch[0], batch[1]);
        }
      }
      return new Outcome(
          descent.snapshot(), descent.optimizerSteps(), descent.optimizerState(), loss);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aThreadCountGivesTheSameBitsRunAfterRun(Kernel kernel, Optimizer optimizer) {
    for (int threads : new int[] {2, 3}) {
      Outcome first = train(kernel, optimizer, threads);
      Outcome second = train(kernel, optimizer, threads);

      assertThat(TestNetworks.identical(first.parameters(), second.parameters())).isTrue();
      assertThat(second.state()).isDeepEqualTo(first.state());
      assertThat(second.loss()).isEqualTo(first.loss());
    }
  }

  /**
   * Within rounding of one thread: the slices' sums are added in another order, and the range steps
   * run the biases' vector operations in BLAS too. Adam at 0.001 (see ParallelTrainingTest).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void closeToOneThreadWithTheSameOptimiserState(Kernel kernel, Optimizer optimizer) {
    Outcome one = train(kernel, optimizer, 1);
    for (int threads : new int[] {2, 3}) {
      Outcome split = train(kernel, optimizer, threads);

      assertThat(TestNetworks.maxAbsDifference(one.parameters(), split.parameters()))
          .isLessThan(2e-5f);
      assertThat(split.loss()).isCloseTo(one.loss(), org.assertj.core.api.Assertions.within(1e-4));
      assertThat(split.steps()).isEqualTo(optimizer == Optimizer.ADAM ? 18 : 0);
      float[][] a = one.state();
      float[][] b = split.state();
      assertThat(b.length).isEqualTo(optimizer == Optimizer.SGD ? 0 : a.length);
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < a[i].length; j++) {
          assertThat(b[i][j])
              .as("state %d[%d]", i, j)
              .isCloseTo(
                  a[i][j],
                  org.assertj.core.api.Assertions.within(2e-5f + 1e-3f * Math.abs(a[i][j])));
        }
      }
    }
    assertThat(TestNetworks.maxAbsDifference(one.parameters(), Parameters.initialize(SPEC)))
        .isGreaterThan(1e-3f);
  }

  static Stream<Kernel> kernels() {
    return TestNetworks.kernels().stream();
  }

  /**
   * A network of one layer: layer 1, whose products the threads compute by units, is also the
   * output layer, whose softmax needs whole rows.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void aOneLayerNetworkSplitsCloseToOneThread(Kernel kernel) {
    NetworkSpec spec = TestNetworks.spec(96, Loss.CROSS_ENTROPY, 10, Activation.SOFTMAX);
    TrainingSplit data =
        TrainingSplit.of(
            TestNetworks.randomData(spec, ROWS, 29),
            TestNetworks.config(1, 64, 0.1, Optimizer.SGD, false, 1),
            null);
    Parameters one = trainOneLayer(spec, data, kernel, 1);
    Parameters split = trainOneLayer(spec, data, kernel, 2);

    assertThat(TestNetworks.maxAbsDifference(one, split)).isLessThan(2e-5f);
    assertThat(TestNetworks.maxAbsDifference(one, Parameters.initialize(spec)))
        .isGreaterThan(1e-3f);
  }

  private static Parameters trainOneLayer(
      NetworkSpec spec, TrainingSplit data, Kernel kernel, int threads) {
    int[] order = TrainingSplit.identity(data.trainRows);
    try (GradientDescent descent =
        new GradientDescent(
            spec, Parameters.initialize(spec), config(Optimizer.MOMENTUM), kernel, threads)) {
      for (int[] batch : BATCHES) {
        descent.step(data.x, data.y, order, batch[0], batch[1]);
      }
      return descent.snapshot();
    }
  }

  @Test
  void aFailingRangeStepFailsTheStepAndTheSplitGoesOn() {
    Layers net = Layers.copyOf(BlasKernel.INSTANCE, SPEC, Parameters.initialize(SPEC));
    int[] order = TrainingSplit.identity(DATA.trainRows);
    Update failing =
        new Update(net, config(Optimizer.SGD)) {
          @Override
          public void weightGradient(int l, Matrix delta, Matrix aPrev) {
            throw new AssertionError("not on a split");
          }

          @Override
          void stepWeights(int l, Matrix gradW, Span s) {
            if (l == 1 && s.from > 0) { // W¹'s second range: thread 1's
              throw new IllegalStateException("range step failed");
            }
          }

          @Override
          void stepBiases(int l, Matrix gradB, Span s) {}
        };
    Update sgd = Update.of(net, config(Optimizer.SGD));
    try (BatchSplit split = new BatchSplit(SPEC, net, 2)) {
      // thread 1's ranges may still run when the step returns: the failure surfaces by the drain
      assertThatThrownBy(
              () -> {
                split.step(DATA.x, DATA.y, order, 0, 64, failing);
                split.drain();
              })
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("range step failed");
      double loss = split.step(DATA.x, DATA.y, order, 0, 64, sgd);
      assertThat(split.step(DATA.x, DATA.y, order, 0, 64, sgd)).isLessThan(loss);
    }
  }

  /**
   * A step returns before the other threads' ranges end; a drain waits for them. Thread 1's ranges
   * take 50 ms longer here, so parameters read without waiting would miss its last step.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void aDrainWaitsForTheOtherThreadsRanges(Kernel kernel) {
    Parameters quick = trainDirect(kernel, false);
    Parameters slow = trainDirect(kernel, true);

    assertThat(TestNetworks.identical(quick, slow)).isTrue();
  }

  private static Parameters trainDirect(Kernel kernel, boolean slowWorker) {
    Layers net = Layers.copyOf(kernel, SPEC, Parameters.initialize(SPEC));
    int[] order = TrainingSplit.identity(DATA.trainRows);
    Update sgd = Update.of(net, config(Optimizer.SGD));
    Update update = slowWorker ? slowOnWorkers(net, sgd) : sgd;
    try (BatchSplit split = new BatchSplit(SPEC, net, 2)) {
      for (int[] batch : BATCHES) {
        split.step(DATA.x, DATA.y, order, batch[0], batch[1], update);
      }
      split.drain();
      return net.snapshot();
    }
  }

  /** {@code sgd}, whose range steps on the split's worker threads sleep 50 ms first. */
  private static Update slowOnWorkers(Layers net, Update sgd) {
    return new Update(net, config(Optimizer.SGD)) {
      @Override
      public void weightGradient(int l, Matrix delta, Matrix aPrev) {
        throw new AssertionError("not on a split");
      }

      @Override
      void stepWeightRows(
          int l, int from, int to, SliceGradients[] slices, int count, double invM, Matrix gradW) {
        if (Thread.currentThread().getName().contains("-slice-")) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        sgd.stepWeightRows(l, from, to, slices, count, invM, gradW);
      }

      @Override
      void stepWeights(int l, Matrix gradW, Span s) {
        sgd.stepWeights(l, gradW, s);
      }

      @Override
      void stepBiases(int l, Matrix gradB, Span s) {
        sgd.stepBiases(l, gradB, s);
      }
    };
  }

  /**
   * After a drain, thread 0 may close before every worker has looked at what the drain handed over:
   * each must still see the end. 3 threads, many times, so that the race has its chances.
   */
  @Test
  void closingRightAfterADrainEndsEveryWorker() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int[] order = TrainingSplit.identity(DATA.trainRows);
    for (int i = 0; i < 50; i++) {
      Layers net = Layers.copyOf(BlasKernel.INSTANCE, SPEC, Parameters.initialize(SPEC));
      Update sgd = Update.of(net, config(Optimizer.SGD));
      try (BatchSplit split = new BatchSplit(SPEC, net, 3)) {
        split.step(DATA.x, DATA.y, order, 0, 64, sgd);
        split.drain();
      }
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!workersBut(before).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(workersBut(before)).isEmpty();
  }

  private static List<String> workersBut(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("backprop-train-"))
        .map(Thread::getName)
        .toList();
  }
}
