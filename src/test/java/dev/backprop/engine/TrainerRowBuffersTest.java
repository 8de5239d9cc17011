package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's off-heap rows come from its pool and go back to it when the run ends, however it ends:
 * each test gives the run a pool of its own, so no other test's run can take the buffer between the
 * run and the check.
 */
class TrainerRowBuffersTest {
  /** 2,048 rows of 128 inputs: 1 MiB of floats, so the rows are held off the heap. */
  private static final int ROWS = 2_048;

  private static final long ROW_BYTES = (long) ROWS * 128 * Float.BYTES;

  private static final TrainingConfig ONE_EPOCH =
      new TrainingConfig(1, 64, 0.01, Optimizer.SGD, 0, 0, 0, true, 3, false, null);

  private static final NetworkSpec SMALL =
      TestNetworks.spec(128, Loss.CROSS_ENTROPY, 8, Activation.TANH, 2, Activation.SOFTMAX);

  @Test
  void aRunHoldsItsRowsWhileItTrainsAndGivesThemBackAfter() {
    RowBuffers pool = new RowBuffers(8 << 20);
    List<Integer> idleDuringRun = new ArrayList<>();

    Trainer.train(
        SMALL,
        TestNetworks.randomData(SMALL, ROWS, 5),
        ONE_EPOCH,
        epoch -> idleDuringRun.add(pool.idleBytes()),
        1,
        pool);

    assertThat(idleDuringRun).containsExactly(0);
    assertThat((long) pool.idleBytes()).isEqualTo(ROW_BYTES);
  }

  @Test
  void aSecondRunTakesTheFirstOnesRows() {
    RowBuffers pool = new RowBuffers(8 << 20);
    TrainingData data = TestNetworks.randomData(SMALL, ROWS, 5);
    List<Integer> idleDuringSecondRun = new ArrayList<>();

    Trainer.train(SMALL, data, ONE_EPOCH, epoch -> {}, 1, pool);
    Trainer.train(
        SMALL, data, ONE_EPOCH, epoch -> idleDuringSecondRun.add(pool.idleBytes()), 1, pool);

    assertThat(idleDuringSecondRun).containsExactly(0);
    assertThat((long) pool.idleBytes()).isEqualTo(ROW_BYTES);
  }

  @Test
  void aRunSplitAcrossThreadsGivesItsRowsBackOnceItsThreadsHaveEnded() {
    RowBuffers pool = new RowBuffers(8 << 20);
    NetworkSpec spec = TestNetworks.reluClassifier(128, 10, 256, 128);
    TrainingConfig config =
        new TrainingConfig(1, 128, 0.01, Optimizer.SGD, 0.9, 0, 0, true, 3, false, null);
    assertThat(ThreadChoice.forBatch(new int[] {128, 256, 128, 10}, config.batchSize(), 2))
        .isEqualTo(2);

    Trainer.train(spec, TestNetworks.randomData(spec, ROWS, 5), config, epoch -> {}, 2, pool);

    assertThat((long) pool.idleBytes()).isEqualTo(ROW_BYTES);
  }

  @Test
  void aRunThatFailsGivesItsRowsBackToo() {
    RowBuffers pool = new RowBuffers(8 << 20);

    assertThatThrownBy(
            () ->
                Trainer.train(
                    SMALL,
                    TestNetworks.randomData(SMALL, ROWS, 5),
                    ONE_EPOCH,
                    epoch -> {
                      throw new IllegalStateException("the listener failed");
                    },
                    1,
                    pool))
        .hasMessage("the listener failed");

    assertThat((long) pool.idleBytes()).isEqualTo(ROW_BYTES);
  }
}
