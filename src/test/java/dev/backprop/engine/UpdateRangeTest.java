package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Update#stepRange}: the optimiser's step over a partition of the flat parameter space, the
 * ranges taken in any order, gives the bits of the one range [0, n), for every optimiser and
 * kernel; Adam's step counter advances once per step, not per range.
 */
class UpdateRangeTest {
  /** Widths whose matrices the cuts fall inside of, at offsets other than 0. */
  private static final NetworkSpec SPEC =
      TestNetworks.spec(
          100, Loss.CROSS_ENTROPY, 70, Activation.RELU, 30, Activation.TANH, 5, Activation.SOFTMAX);

  private static final int STEPS = 3;

  static Stream<Arguments> cases() {
    return TestNetworks.kernels().stream()
        .flatMap(k -> Stream.of(Optimizer.values()).map(o -> Arguments.of(k, o)));
  }

  private static TrainingConfig config(Optimizer optimizer) {
    return new TrainingConfig(1, 8, 0.05, optimizer, 0.9, 1e-3, 0, false, 1, false, null);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rangesOverAPartitionGiveTheWholeStep(Kernel kernel, Optimizer optimizer) {
    Parameters initial = Parameters.initialize(SPEC);
    Layers wholeNet = Layers.copyOf(kernel, SPEC, initial);
    Update whole = Update.of(wholeNet, config(optimizer));
    int n = whole.space.size();
    for (int parts : new int[] {2, 3, 7}) {
      Layers splitNet = Layers.copyOf(kernel, SPEC, initial);
      Update split = Update.of(splitNet, config(optimizer));
      Layers againNet = Layers.copyOf(kernel, SPEC, initial);
      Update again = Update.of(againNet, config(optimizer));
      int[] cuts = split.space.cuts(parts);
      for (int step = 0; step < STEPS; step++) {
        if (parts == 2) { // the whole network, once
          Matrix[][] g = gradients(kernel, whole.net, step);
          whole.beginStep();
          whole.prepareRanges();
          whole.stepRange(0, n, g[0], g[1]);
        }
        Matrix[][] g = gradients(kernel, splitNet, step);
        split.beginStep();
        split.prepareRanges();
        for (int t = parts - 1; t >= 0; t--) { // last range first: the order must not matter
          split.stepRange(cuts[t], cuts[t + 1], g[0], g[1]);
        }
        Matrix[][] h = gradients(kernel, againNet, step);
        again.beginStep();
        again.prepareRanges();
        again.stepRange(0, n, h[0], h[1]);
      }
      assertThat(TestNetworks.identical(againNet.snapshot(), wholeNet.snapshot())).isTrue();
      assertThat(TestNetworks.identical(splitNet.snapshot(), wholeNet.snapshot()))
          .as("%d ranges at %s", parts, java.util.Arrays.toString(cuts))
          .isTrue();
      assertThat(split.steps()).isEqualTo(whole.steps());
      assertThat(split.state()).isDeepEqualTo(whole.state());
    }
    assertThat(whole.steps()).isEqualTo(optimizer == Optimizer.ADAM ? STEPS : 0);
    assertThat(TestNetworks.maxAbsDifference(wholeNet.snapshot(), initial)).isGreaterThan(1e-4f);
  }

  /**
   * The range step is the step backpropagation takes layer by layer on one thread (one
   * implementation of each optimiser): the same bits in Java, within rounding with BLAS (whose
   * range steps run the biases' vector operations natively too).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void theWholeRangeIsTheLayerByLayerStep(Kernel kernel, Optimizer optimizer) {
    Parameters initial = Parameters.initialize(SPEC);
    Layers rangeNet = Layers.copyOf(kernel, SPEC, initial);
    Update ranges = Update.of(rangeNet, config(optimizer));
    Layers layerNet = Layers.copyOf(kernel, SPEC, initial);
    Update layers = Update.of(layerNet, config(optimizer));
    for (int step = 0; step < STEPS; step++) {
      Matrix[][] g = gradients(kernel, rangeNet, step);
      ranges.beginStep();
      ranges.prepareRanges();
      ranges.stepRange(0, ranges.space.size(), g[0], g[1]);
      Matrix[][] h = gradients(kernel, layerNet, step);
      layers.beginStep();
      for (int l = layerNet.L; l >= 1; l--) {
        layers.stepBiases(l, h[1][l], Span.whole(kernel, h[1][l].size()));
        layers.stepWeights(l, h[0][l], Span.whole(kernel, h[0][l].size()));
      }
    }
    if (kernel == JavaKernel.INSTANCE) {
      assertThat(TestNetworks.identical(rangeNet.snapshot(), layerNet.snapshot())).isTrue();
    } else {
      assertThat(TestNetworks.maxAbsDifference(rangeNet.snapshot(), layerNet.snapshot()))
          .isLessThan(1e-6f);
    }
    assertThat(ranges.steps()).isEqualTo(layers.steps());
  }

  @Test
  void cutsAreAlignedWithinTheirMatrixAndCoverTheSpace() {
    ParameterSpace space = new ParameterSpace(Parameters.initialize(SPEC).unitsArray());
    int[] starts = {0, 7000, 7070, 9170, 9200, 9350}; // W¹ b¹ W² b² W³ b³
    assertThat(space.size()).isEqualTo(9355);
    assertThat(space.cuts(1)).containsExactly(0, 9355);
    assertThat(space.cuts(3)).containsExactly(0, 3072, 6208, 9355);
    int[] cuts = space.cuts(7);
    assertThat(cuts[6]).isEqualTo(7070 + 896); // inside W², 64-aligned from its start
    for (int t = 1; t < cuts.length; t++) {
      int cut = cuts[t];
      assertThat(cut).isGreaterThan(cuts[t - 1]);
      int matrixStart = java.util.Arrays.stream(starts).filter(s -> s <= cut).max().orElseThrow();
      assertThat(cut == 9355 || (cut - matrixStart) % ParameterSpace.ALIGN == 0).isTrue();
    }
  }

  /** Seeded gradients for every layer, ready for a range phase. */
  private static Matrix[][] gradients(Kernel kernel, Layers net, int step) {
    SplittableRandom random = new SplittableRandom(17 + step);
    Matrix[] gradW = new Matrix[net.L + 1];
    Matrix[] gradB = new Matrix[net.L + 1];
    for (int l = 1; l <= net.L; l++) {
      gradW[l] = filled(kernel, net.units[l], net.units[l - 1], random);
      gradB[l] = filled(kernel, 1, net.units[l], random);
    }
    return new Matrix[][] {gradW, gradB};
  }

  private static Matrix filled(Kernel kernel, int rows, int cols, SplittableRandom random) {
    Matrix m = kernel.matrix(rows, cols);
    float[] v = m.overwrite();
    for (int i = 0; i < m.size(); i++) {
      v[i] = (float) (random.nextGaussian() * 0.1);
    }
    m.prepareRanges();
    return m;
  }
}
