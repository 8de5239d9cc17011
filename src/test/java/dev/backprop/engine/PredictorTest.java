package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictorTest {

  /** Small (plain Java) and large (ND4J gemm) models. */
  static Model model(int hidden) {
    NetworkSpec spec =
        TestNetworks.spec(
            Math.min(hidden / 2, 64),
            Loss.CROSS_ENTROPY,
            hidden,
            Activation.RELU,
            5,
            Activation.SOFTMAX);
    return new Model(
        spec,
        Parameters.initialize(spec),
        Standardization.fit(RowArrays.of(TestNetworks.randomData(spec, 20, 1).features())));
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 256})
  void eightThreadsAtOnceGiveTheSingleThreadedResults(int hidden) throws Exception {
    Model model = model(hidden);
    List<float[][]> inputs = new ArrayList<>();
    List<float[][]> expected = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      float[][] rows =
          RowArrays.of(TestNetworks.randomData(model.spec(), 1 + i * 9, 100 + i).features());
      inputs.add(rows);
      expected.add(Predictor.predict(model, rows));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            () -> {
              for (int repeat = 0; repeat < 3; repeat++) {
                for (int i = 0; i < inputs.size(); i++) {
                  float[][] out = Predictor.predict(model, inputs.get(i));
                  if (!java.util.Arrays.deepEquals(out, expected.get(i))) {
                    return false;
                  }
                }
              }
              return true;
            });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 256})
  void predictFlatEqualsPredict(int hidden) {
    Model model = model(hidden);
    float[][] rows = RowArrays.of(TestNetworks.randomData(model.spec(), 9, 4).features());
    float[] flatIn = TestNetworks.flatten(rows);
    float[] copy = flatIn.clone();
    float[] flat = Predictor.predictFlat(model, flatIn, 9);
    assertThat(flatIn).isEqualTo(copy);
    assertThat(flat).isEqualTo(TestNetworks.flatten(Predictor.predict(model, rows)));
  }

  @ParameterizedTest
  @ValueSource(ints = {8})
  void refusesRowsOfTheWrongWidth(int hidden) {
    Model model = model(hidden);
    assertThatThrownBy(() -> Predictor.predict(model, new float[][] {{1f, 2f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 4");
    assertThatThrownBy(() -> Predictor.predictFlat(model, new float[7], 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
