package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run stopped after epoch k, its checkpoint encoded and decoded, and resumed, ends bit for bit
 * where the uninterrupted run with the same seed ends: parameters, standardisation, every epoch's
 * metrics, the best epoch, with each optimiser, shuffling, a validation part, L2 and early
 * stopping.
 */
class CheckpointTest {

  static final NetworkSpec SPEC =
      new NetworkSpec(
          4,
          List.of(new LayerSpec(6, Activation.RELU), new LayerSpec(3, Activation.SOFTMAX)),
          Loss.CROSS_ENTROPY,
          null,
          99);

  static TrainingConfig config(Optimizer optimizer, EarlyStopping early) {
    return new TrainingConfig(30, 16, 0.05, optimizer, 0.9, 0.001, 0.2, true, 5, true, early);
  }

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void aResumedRunEqualsTheUninterruptedOneBitForBit(Optimizer optimizer) throws Exception {
    TrainingConfig config = config(optimizer, new EarlyStopping(25, 0));
    TrainingData data = TrainerTest.iris();
    TrainingResult whole = Trainer.train(SPEC, null, data, config, null, null);

    for (int k : new int[] {1, 7, 20}) {
      Checkpoint saved = stopAfter(k, data, config);
      assertThat(saved.epoch()).isEqualTo(k);
      Checkpoint decoded = CheckpointCodec.decode(CheckpointCodec.encode(saved));
      List<EpochMetrics> resumedEpochs = new ArrayList<>();
      TrainingResult resumed =
          Trainer.train(SPEC, null, data, config, resumedEpochs::add, null, decoded, null);

      assertThat(resumedEpochs.get(0).epoch()).isEqualTo(k + 1);
      assertThat(resumed.history()).isEqualTo(whole.history());
      assertThat(resumedEpochs).isEqualTo(whole.history().subList(k, whole.history().size()));
      assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
      assertThat(resumed.stoppedEarly()).isEqualTo(whole.stoppedEarly());
      assertThat(TestNetworks.identical(resumed.model().parameters(), whole.model().parameters()))
          .as("parameters after resuming from epoch %d with %s", k, optimizer)
          .isTrue();
      assertThat(resumed.model().standardization()).isEqualTo(whole.model().standardization());
    }
  }

  @Test
  void earlyStoppingStateSurvivesACheckpoint() throws Exception {
    // Patience 3 with a large minDelta: the run stops early, after a checkpoint in between.
    TrainingConfig config = config(Optimizer.SGD, new EarlyStopping(3, 0.05));
    TrainingData data = TrainerTest.iris();
    TrainingResult whole = Trainer.train(SPEC, null, data, config, null, null);
    assertThat(whole.stoppedEarly()).isTrue();
    int k = whole.history().size() - 1;
    Checkpoint saved = CheckpointCodec.decode(CheckpointCodec.encode(stopAfter(k, data, config)));
    TrainingResult resumed = Trainer.train(SPEC, null, data, config, null, null, saved, null);
    assertThat(resumed.history()).isEqualTo(whole.history());
    assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
    assertThat(resumed.stoppedEarly()).isTrue();
    assertThat(TestNetworks.identical(resumed.model().parameters(), whole.model().parameters()))
        .isTrue();
  }

  @Test
  void eachEpochsOrderDependsOnTheSeedAndTheEpochOnly() {
    TrainingConfig config = config(Optimizer.SGD, null);
    assertThat(Trainer.epochOrder(config, 3, 50)).isEqualTo(Trainer.epochOrder(config, 3, 50));
    assertThat(Trainer.epochOrder(config, 3, 50)).isNotEqualTo(Trainer.epochOrder(config, 4, 50));
    assertThat(Trainer.epochOrder(config, 3, 50)).containsExactlyInAnyOrder(range(50));
  }

  @Test
  void aDamagedCheckpointIsRefused() throws Exception {
    TrainingData data = TrainerTest.iris();
    byte[] bytes = CheckpointCodec.encode(stopAfter(2, data, config(Optimizer.ADAM, null)));
    bytes[bytes.length / 2] ^= 1;
    assertThatThrownBy(() -> CheckpointCodec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> CheckpointCodec.decode(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCheckpointOfAnotherShapeIsRefused() throws Exception {
    TrainingData data = TrainerTest.iris();
    TrainingConfig config = config(Optimizer.ADAM, null);
    Checkpoint saved = stopAfter(2, data, config);
    NetworkSpec wider =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(7, Activation.RELU), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            99);
    assertThatThrownBy(() -> Trainer.train(wider, null, data, config, null, null, saved, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpoint");
  }

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void theStreamIsMadeAtExactlyTheEncodingsSize(Optimizer optimizer) throws Exception {
    TrainingData data = TrainerTest.iris();
    TrainingConfig unstandardized =
        new TrainingConfig(30, 16, 0.05, optimizer, 0.9, 0, 0, true, 5, false, null);
    for (TrainingConfig config :
        new TrainingConfig[] {
          config(optimizer, new EarlyStopping(25, 0)), config(optimizer, null), unstandardized
        }) {
      for (int k : new int[] {1, 7}) {
        Checkpoint saved = stopAfter(k, data, config);
        assertThat(CheckpointCodec.encodedSize(saved))
            .as("%s after epoch %d", config, k)
            .isEqualTo(CheckpointCodec.encode(saved).length);
      }
    }
  }

  /** Runs until the checkpoint after epoch {@code k} is saved, then stops the run. */
  static Checkpoint stopAfter(int k, TrainingData data, TrainingConfig config) {
    AtomicReference<Checkpoint> saved = new AtomicReference<>();
    CheckpointSink sink =
        new CheckpointSink() {
          @Override
          public boolean due(int epoch) {
            return epoch == k;
          }

          @Override
          public void save(Checkpoint checkpoint) {
            saved.set(checkpoint);
          }
        };
    assertThatThrownBy(
            () ->
                Trainer.train(
                    SPEC, null, data, config, null, () -> saved.get() != null, null, sink))
        .isInstanceOf(TrainingCancelledException.class);
    return saved.get();
  }

  private static Integer[] range(int n) {
    Integer[] a = new Integer[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
