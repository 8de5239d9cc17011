package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochParametersTest {
  private static final NetworkSpec SPEC =
      TestNetworks.spec(3, Loss.QUADRATIC, 4, Activation.TANH, 2, Activation.IDENTITY);

  @Test
  void copiesTheParametersOnTheFirstAskAndKeepsThatCopy() {
    Parameters initial = Parameters.initialize(SPEC);
    TrainingConfig config = TestNetworks.config(1, 4, 0.1, Optimizer.SGD, false, 1);
    TrainingData data = TestNetworks.randomData(SPEC, 4, 3);
    TrainingSplit split = TrainingSplit.of(data, config, null);
    try (GradientDescent descent =
        new GradientDescent(SPEC, initial, config, JavaKernel.INSTANCE, 1)) {
      EpochParameters current = new EpochParameters(descent);
      descent.step(split.x, split.y, TrainingSplit.identity(4), 0, 4);

      Parameters first = current.get();
      // a later step changes the network, not the copy already taken
      descent.step(split.x, split.y, TrainingSplit.identity(4), 0, 4);

      assertThat(current.get()).isSameAs(first);
      assertThat(first.w(0)).isNotEqualTo(descent.snapshot().w(0));
      assertThat(first.w(0)).isNotEqualTo(initial.w(0));
    }
  }
}
