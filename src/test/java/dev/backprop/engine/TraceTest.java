package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link Predictor#trace} on the 2-2-1 network of {@link HandComputedNetworkTest} (sigmoid hidden
 * layer, identity output), behind a standardisation with mean (1, 1) and std (2, 0.5).
 *
 * <pre>
 * raw (3, 2) → x = ((3 − 1)/2, (2 − 1)/0.5) = (1, 2)
 *   s1 = [0.5, 1.1], a1 = σ(s1) = [0.6224593, 0.7502601], s2 = a2 = 0.0360996 (as in that test)
 * raw (1, 1) → x = (0, 0)
 *   s1 = b1 = [0, 0], a1 = [0.5, 0.5], s2 = 0.5·0.5 − 0.5·0.5 + 0.1 = 0.1, a2 = 0.1
 * </pre>
 */
class TraceTest {
  static final Model MODEL =
      new Model(
          HandComputedNetworkTest.SPEC,
          HandComputedNetworkTest.PARAMS,
          new Standardization(new float[] {1f, 1f}, new float[] {2f, 0.5f}));

  @Test
  void traceShowsTheStandardisedInputAndEveryLayersSAndA() {
    Trace trace = Predictor.trace(MODEL, new float[][] {{3f, 2f}, {1f, 1f}});

    assertThat(trace.input()[0]).containsExactly(new float[] {1f, 2f}, within(1e-6f));
    assertThat(trace.input()[1]).containsExactly(new float[] {0f, 0f}, within(1e-6f));
    assertThat(trace.layers()).hasSize(2);

    Trace.Layer hidden = trace.layers().get(0);
    assertThat(hidden.s()[0]).containsExactly(new float[] {0.5f, 1.1f}, within(1e-6f));
    assertThat(hidden.a()[0]).containsExactly(new float[] {0.6224593f, 0.7502601f}, within(1e-6f));
    assertThat(hidden.s()[1]).containsExactly(new float[] {0f, 0f}, within(1e-6f));
    assertThat(hidden.a()[1]).containsExactly(new float[] {0.5f, 0.5f}, within(1e-6f));

    Trace.Layer output = trace.layers().get(1);
    assertThat(output.s()[0]).containsExactly(new float[] {0.0360996f}, within(1e-6f));
    assertThat(output.a()[0]).containsExactly(new float[] {0.0360996f}, within(1e-6f));
    assertThat(output.s()[1]).containsExactly(new float[] {0.1f}, within(1e-6f));
    assertThat(output.a()[1]).containsExactly(new float[] {0.1f}, within(1e-6f));
  }

  @Test
  void theTracedOutputIsThePrediction() {
    for (int hidden : new int[] {8, 256}) { // plain Java and sgemm kernels
      Model model = PredictorTest.model(hidden);
      float[][] rows = RowArrays.of(TestNetworks.randomData(model.spec(), 9, 4).features());
      Trace trace = Predictor.trace(model, rows);
      assertThat(trace.output()).isDeepEqualTo(Predictor.predict(model, rows));
      Trace.Layer first = trace.layers().get(0);
      assertThat(first.s()).hasDimensions(9, hidden);
      for (int r = 0; r < 9; r++) {
        for (int j = 0; j < hidden; j++) {
          assertThat(first.a()[r][j]).isEqualTo(Math.max(first.s()[r][j], 0f)); // relu
        }
      }
      assertThat(trace.input()).isDeepEqualTo(model.standardization().apply(rows));
    }
  }

  @Test
  void noRowsGiveAnEmptyTraceAndBadRowsAreRefused() {
    Trace empty = Predictor.trace(MODEL, new float[0][]);
    assertThat(empty.input()).isEmpty();
    assertThat(empty.layers()).hasSize(2).allSatisfy(layer -> assertThat(layer.a()).isEmpty());
    assertThatThrownBy(() -> Predictor.trace(MODEL, new float[][] {{1f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 2");
    assertThatThrownBy(() -> Predictor.trace(MODEL, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
