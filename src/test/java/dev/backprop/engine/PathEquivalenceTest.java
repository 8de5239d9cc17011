package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plain-Java and the sgemm kernels give the same results within float32 tolerance. */
class PathEquivalenceTest {

  @ParameterizedTest
  @EnumSource(Optimizer.class)
  void javaAndBlasKernelsTrainAlike(Optimizer optimizer) {
    NetworkSpec spec =
        TestNetworks.spec(
            12, Loss.CROSS_ENTROPY, 16, Activation.RELU, 9, Activation.TANH, 4, Activation.SOFTMAX);
    TrainingData data = TestNetworks.randomData(spec, 40, 3);
    TrainingConfig config =
        new TrainingConfig(3, 16, 0.05, optimizer, 0.9, 0.01, 0.0, true, 11, true, null);

    TrainingResult java = Trainer.train(spec, null, data, config, null, null, JavaKernel.INSTANCE);
    TrainingResult blas = Trainer.train(spec, null, data, config, null, null, BlasKernel.INSTANCE);

    assertThat(TestNetworks.maxAbsDifference(java.model().parameters(), blas.model().parameters()))
        .isLessThan(1e-4f);
    for (int e = 0; e < 3; e++) {
      assertThat(blas.history().get(e).loss())
          .isCloseTo(java.history().get(e).loss(), org.assertj.core.api.Assertions.within(1e-4));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Loss.class,
      names = {"QUADRATIC", "BINARY_CROSS_ENTROPY"})
  void pathsAgreeForOtherLosses(Loss loss) {
    NetworkSpec spec =
        TestNetworks.spec(
            7,
            loss,
            10,
            Activation.LEAKY_RELU,
            8,
            Activation.ARCTAN,
            3,
            loss == Loss.QUADRATIC ? Activation.IDENTITY : Activation.SIGMOID);
    TrainingData data = TestNetworks.randomData(spec, 30, 5);
    TrainingConfig config =
        new TrainingConfig(4, 8, 0.05, Optimizer.MOMENTUM, 0.9, 0.0, 0.0, true, 2, false, null);
    TrainingResult java = Trainer.train(spec, null, data, config, null, null, JavaKernel.INSTANCE);
    TrainingResult blas = Trainer.train(spec, null, data, config, null, null, BlasKernel.INSTANCE);
    assertThat(TestNetworks.maxAbsDifference(java.model().parameters(), blas.model().parameters()))
        .isLessThan(1e-4f);
  }

  @ParameterizedTest
  @EnumSource(
      value = Activation.class,
      names = {"SIGMOID", "RELU", "TANH"})
  void javaAndBlasForwardAgree(Activation hidden) {
    NetworkSpec spec = TestNetworks.spec(20, Loss.CROSS_ENTROPY, 30, hidden, 5, Activation.SOFTMAX);
    Parameters p = Parameters.initialize(spec);
    float[] x = TestNetworks.flatten(RowArrays.of(TestNetworks.randomData(spec, 17, 9).features()));
    float[] java = TestNetworks.forward(JavaKernel.INSTANCE, spec, p, x, 17).output().read();
    float[] blas = TestNetworks.forward(BlasKernel.INSTANCE, spec, p, x, 17).output().read();
    for (int i = 0; i < 17 * 5; i++) {
      assertThat(blas[i]).isCloseTo(java[i], org.assertj.core.api.Assertions.within(1e-5f));
    }
  }
}
