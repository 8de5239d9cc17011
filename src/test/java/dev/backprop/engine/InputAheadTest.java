package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link InputAhead}: the next step's input gathered in shares during the step before, used only
 * when the step handed over is the one guessed, and a split's steps giving the same bits whether
 * their input was gathered ahead or not.
 */
class InputAheadTest {
  // BatchSplitTest's network and data: 96 inputs, 300 rows
  private static final NetworkSpec SPEC = BatchSplitTest.SPEC;
  private static final TrainingSplit DATA = BatchSplitTest.DATA;
  private static final int ROWS = DATA.trainRows;
  private static final int WIDTH = 96;

  static java.util.List<Kernel> kernels() {
    return TestNetworks.kernels();
  }

  private static SplitStep step(FloatBuffer x, int[] order, int start, int m) {
    return new SplitStep(x, DATA.y, order, start, m, 2, null, 0);
  }

  /** Guesses the step after {@code current} (which reads {@code reading}) and gathers it all. */
  private static void guessAndGather(
      InputAhead ahead, SplitStep current, Matrix reading, int threads) {
    ahead.guess(current, reading);
    for (int t = 0; t < threads; t++) {
      ahead.gather(t, threads);
    }
  }

  /** Rows order[start..start+m) of DATA.x, read straight from it. */
  private static float[] expectedRows(int[] order, int start, int m) {
    float[] rows = new float[m * WIDTH];
    for (int i = 0; i < m; i++) {
      DATA.x.get(order[start + i] * WIDTH, rows, i * WIDTH, WIDTH);
    }
    return rows;
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void theNextRowsOfTheOrderGatheredInSharesAreWhatTheGuessedStepGets(Kernel kernel) {
    InputAhead ahead = new InputAhead(kernel, WIDTH);
    int[] order = reversed(ROWS);
    guessAndGather(ahead, step(DATA.x, order, 0, 64), null, 3);

    Matrix input = ahead.take(step(DATA.x, order, 64, 64));

    assertThat(input).isNotNull();
    assertThat(input.rows()).isEqualTo(64);
    assertThat(Arrays.copyOf(input.read(), 64 * WIDTH)).isEqualTo(expectedRows(order, 64, 64));
    assertThat(ahead.take(step(DATA.x, order, 64, 64))).as("a guess is used once").isNull();
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void theLastBatchIsGuessedShortAndNothingAfterTheEnd(Kernel kernel) {
    InputAhead ahead = new InputAhead(kernel, WIDTH);
    int[] order = TrainingSplit.identity(ROWS);
    guessAndGather(ahead, step(DATA.x, order, 192, 64), null, 2);
    Matrix last = ahead.take(step(DATA.x, order, 256, 44));
    assertThat(last).isNotNull();
    assertThat(Arrays.copyOf(last.read(), 44 * WIDTH)).isEqualTo(expectedRows(order, 256, 44));

    ahead.guess(step(DATA.x, order, 256, 44), last);
    assertThat(ahead.take(step(DATA.x, order, 0, 64))).isNull();
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void anyOtherStepGathersItsOwn(Kernel kernel) {
    InputAhead ahead = new InputAhead(kernel, WIDTH);
    int[] order = TrainingSplit.identity(ROWS);
    FloatBuffer otherData = DATA.x.duplicate();
    SplitStep[] misses = {
      step(DATA.x, order, 65, 64), // not the next rows
      step(DATA.x, order, 64, 32), // not as many
      step(otherData, order, 64, 64), // other data
    };
    for (SplitStep miss : misses) {
      guessAndGather(ahead, step(DATA.x, order, 0, 64), null, 1);
      assertThat(ahead.take(miss)).isNull();
    }
    guessAndGather(ahead, step(DATA.x, order, 0, 64), null, 1);
    order[100] = 5; // a row of the guessed range, changed in place
    assertThat(ahead.take(step(DATA.x, order, 64, 64))).as("changed in place").isNull();
    ahead.guess(step(DATA.x, order, 0, 64), null);
    ahead.forget();
    assertThat(ahead.take(step(DATA.x, order, 64, 64))).as("forgotten").isNull();
  }

  /** The buffer a step reads is never the one its successor's input is gathered into. */
  @ParameterizedTest
  @MethodSource("kernels")
  void theNextInputGoesToTheBufferTheStepDoesNotRead(Kernel kernel) {
    InputAhead ahead = new InputAhead(kernel, WIDTH);
    int[] order = TrainingSplit.identity(ROWS);
    Matrix reading = null;
    for (int start = 0; start < 192; start += 64) {
      guessAndGather(ahead, step(DATA.x, order, start, 64), reading, 2);
      Matrix next = ahead.take(step(DATA.x, order, start + 64, 64));
      assertThat(next).isNotNull().isNotSameAs(reading);
      reading = next;
    }
  }

  /**
   * Steps over consecutive rows of one order (each input gathered ahead but an epoch's first) give
   * the same bits as steps on the same rows placed one apart in a longer order, so that no guess is
   * ever right and each thread gathers its own input.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void stepsOnInputGatheredAheadGiveTheBitsOfStepsThatGatheredTheirOwn(Kernel kernel) {
    int[] order = reversed(DATA.trainRows);
    int[][] batches = {{0, 64}, {64, 64}, {128, 64}, {192, 64}, {256, 44}};
    int[] gapped = new int[order.length + batches.length];
    int[][] gappedBatches = new int[batches.length][];
    int at = 0;
    for (int b = 0; b < batches.length; b++) {
      int[] batch = batches[b];
      System.arraycopy(order, batch[0], gapped, at, batch[1]);
      gappedBatches[b] = new int[] {at, batch[1]};
      at += batch[1] + 1; // the gap row (0) is never stepped on
    }
    for (int threads : new int[] {2, 3}) {
      Outcome ahead = train(kernel, threads, order, batches);
      Outcome own = train(kernel, threads, gapped, gappedBatches);

      assertThat(TestNetworks.identical(ahead.parameters(), own.parameters())).isTrue();
      assertThat(ahead.loss()).isEqualTo(own.loss());
    }
  }

  private record Outcome(Parameters parameters, double loss) {}

  private static Outcome train(Kernel kernel, int threads, int[] order, int[][] batches) {
    TrainingConfig config =
        new TrainingConfig(1, 64, 0.05, Optimizer.MOMENTUM, 0.9, 1e-4, 0, false, 1, false, null);
    try (GradientDescent descent =
        new GradientDescent(SPEC, Parameters.initialize(SPEC), config, kernel, threads)) {
      double loss = 0;
      for (int round = 0; round < 2; round++) {
        for (int[] batch : batches) {
          loss += descent.step(DATA.x, DATA.y, order, batch[0], batch[1]);
        }
      }
      return new Outcome(descent.snapshot(), loss);
    }
  }

  private static int[] reversed(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = n - 1 - i;
    }
    return order;
  }
}
