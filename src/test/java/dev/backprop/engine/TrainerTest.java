package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerTest {

  static TrainingData iris() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("examples/iris.csv"));
    Map<String, Integer> classes = new LinkedHashMap<>();
    List<float[]> x = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      float[] row = new float[4];
      for (int k = 0; k < 4; k++) {
        row[k] = Float.parseFloat(cells[k]);
      }
      x.add(row);
      labels.add(cells[4]);
      classes.putIfAbsent(cells[4], classes.size());
    }
    float[][] y = new float[x.size()][classes.size()];
    for (int r = 0; r < x.size(); r++) {
      y[r][classes.get(labels.get(r))] = 1f;
    }
    return new TrainingData(x.toArray(new float[0][]), y);
  }

  @Test
  void learnsXorWithTwoFourOne() {
    NetworkSpec spec =
        new NetworkSpec(
            2,
            List.of(new LayerSpec(4, Activation.TANH), new LayerSpec(1, Activation.SIGMOID)),
            Loss.BINARY_CROSS_ENTROPY,
            null,
            1);
    float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    float[][] y = {{0}, {1}, {1}, {0}};
    TrainingConfig config =
        new TrainingConfig(500, 4, 0.05, Optimizer.ADAM, 0.9, 0, 0, true, 3, false, null);
    TrainingResult result = Trainer.train(spec, null, new TrainingData(x, y), config, null, null);
    float[][] out = Predictor.predict(result.model(), x);
    for (int r = 0; r < 4; r++) {
      assertThat(out[r][0] >= 0.5f).as("row %d: %s", r, out[r][0]).isEqualTo(y[r][0] == 1f);
    }
    assertThat(result.history()).hasSize(500);
    assertThat(result.history().get(499).accuracy()).isEqualTo(1.0);
  }

  @Test
  void irisReachesNinetyFivePercentTrainingAccuracy() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            42);
    TrainingData data = iris();
    TrainingConfig config =
        new TrainingConfig(200, 16, 0.01, Optimizer.ADAM, 0.9, 0, 0, true, 7, true, null);
    TrainingResult result = Trainer.train(spec, null, data, config, null, null);
    assertThat(result.model().standardization()).isNotNull();
    float[][] out = Predictor.predict(result.model(), RowArrays.of(data.features()));
    float[][] targets = RowArrays.of(data.targets());
    int correct = 0;
    for (int r = 0; r < out.length; r++) {
      if (Accuracy.argmax(out[r], 0, 3) == Accuracy.argmax(targets[r], 0, 3)) {
        correct++;
      }
    }
    assertThat(correct / 150.0).isGreaterThanOrEqualTo(0.95);
    EpochMetrics last = result.history().get(result.history().size() - 1);
    assertThat(last.accuracy()).isGreaterThanOrEqualTo(0.9);
    assertThat(last.validationLoss()).isNull();
  }

  @Test
  void identicalSeedsGiveIdenticalResults() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(6, Activation.RELU), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            99);
    TrainingConfig config =
        new TrainingConfig(20, 10, 0.05, Optimizer.MOMENTUM, 0.9, 0.001, 0.2, true, 5, true, null);
    TrainingResult first = Trainer.train(spec, null, iris(), config, null, null);
    TrainingResult second = Trainer.train(spec, null, iris(), config, null, null);
    assertThat(TestNetworks.identical(first.model().parameters(), second.model().parameters()))
        .isTrue();
    assertThat(first.history()).isEqualTo(second.history());
    assertThat(first.model().standardization()).isEqualTo(second.model().standardization());
    assertThat(first.history().get(0).validationLoss()).isNotNull();
    assertThat(first.history().get(0).validationAccuracy()).isNotNull();

    TrainingConfig otherSeed =
        new TrainingConfig(20, 10, 0.05, Optimizer.MOMENTUM, 0.9, 0.001, 0.2, true, 6, true, null);
    TrainingResult third = Trainer.train(spec, null, iris(), otherSeed, null, null);
    assertThat(TestNetworks.identical(first.model().parameters(), third.model().parameters()))
        .isFalse();
  }

  @Test
  void sameSeedGivesBitIdenticalInitialWeights() {
    NetworkSpec spec =
        TestNetworks.spec(5, Loss.QUADRATIC, 7, Activation.RELU, 2, Activation.IDENTITY);
    assertThat(TestNetworks.identical(Parameters.initialize(spec), Parameters.initialize(spec)))
        .isTrue();
    assertThat(spec.initializer()).isEqualTo(Initializer.HE);
    // pinned values: the generator is pure Java, so these hold on every machine
    float limit = (float) Math.sqrt(6.0 / 5);
    for (float w : Parameters.initialize(spec).w(0)) {
      assertThat(Math.abs(w)).isLessThanOrEqualTo(limit);
    }
    assertThat(Parameters.initialize(spec).b(0)).containsOnly(0f);
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            4);
    // A huge minDelta: only the first epoch ever counts as an improvement.
    TrainingConfig stopping =
        new TrainingConfig(
            50, 16, 0.05, Optimizer.SGD, 0.9, 0, 0.2, true, 8, true, new EarlyStopping(3, 1e9));
    TrainingResult stopped = Trainer.train(spec, null, iris(), stopping, null, null);
    assertThat(stopped.stoppedEarly()).isTrue();
    assertThat(stopped.bestEpoch()).isEqualTo(1);
    assertThat(stopped.history()).hasSize(4);

    TrainingConfig oneEpoch =
        new TrainingConfig(1, 16, 0.05, Optimizer.SGD, 0.9, 0, 0.2, true, 8, true, null);
    TrainingResult reference = Trainer.train(spec, null, iris(), oneEpoch, null, null);
    assertThat(TestNetworks.identical(stopped.model().parameters(), reference.model().parameters()))
        .isTrue();
  }

  @Test
  void earlyStoppingPicksTheLowestValidationLoss() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(16, Activation.RELU), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            4);
    TrainingConfig config =
        new TrainingConfig(
            300, 8, 0.5, Optimizer.SGD, 0.9, 0, 0.3, true, 8, true, new EarlyStopping(5, 0));
    TrainingResult result = Trainer.train(spec, null, iris(), config, null, null);
    double min =
        result.history().stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
    assertThat(result.history().get(result.bestEpoch() - 1).validationLoss()).isEqualTo(min);
  }

  @Test
  void cancellationStopsWithinOneBatch() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            4);
    TrainingConfig config =
        new TrainingConfig(100, 10, 0.05, Optimizer.SGD, 0.9, 0, 0, true, 8, false, null);
    AtomicBoolean cancel = new AtomicBoolean();
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger checksWhenCancelled = new AtomicInteger();
    AtomicInteger epochs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Trainer.train(
                    spec,
                    null,
                    iris(),
                    config,
                    m -> {
                      epochs.incrementAndGet();
                      if (m.epoch() == 2) {
                        cancel.set(true);
                        checksWhenCancelled.set(checks.get());
                      }
                    },
                    () -> {
                      checks.incrementAndGet();
                      return cancel.get();
                    }))
        .isInstanceOf(TrainingCancelledException.class);
    assertThat(epochs.get()).isEqualTo(2);
    assertThat(checksWhenCancelled.get()).isEqualTo(2 * 15); // 150 rows / batch 10, per epoch
    assertThat(checks.get()).isEqualTo(checksWhenCancelled.get() + 1);
  }

  @Test
  void warmStartContinuesFromGivenParametersAndReusesStandardization() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(3, Activation.SOFTMAX)),
            Loss.CROSS_ENTROPY,
            null,
            4);
    TrainingConfig config =
        new TrainingConfig(10, 16, 0.05, Optimizer.ADAM, 0.9, 0, 0, false, 8, true, null);
    TrainingResult first = Trainer.train(spec, null, iris(), config, null, null);
    TrainingResult second = Trainer.train(spec, first.model(), iris(), config, null, null);
    assertThat(second.model().standardization()).isEqualTo(first.model().standardization());
    assertThat(second.history().get(0).loss()).isLessThan(first.history().get(0).loss());
  }

  @Test
  void listenerIsCalledOncePerEpochWithMetrics() throws IOException {
    NetworkSpec spec =
        new NetworkSpec(
            4,
            List.of(new LayerSpec(5, Activation.RELU), new LayerSpec(2, Activation.IDENTITY)),
            Loss.QUADRATIC,
            null,
            4);
    TrainingData iris = iris();
    float[][] y = new float[150][2];
    TrainingData regression = new TrainingData(RowArrays.of(iris.features()), y);
    List<EpochMetrics> seen = new ArrayList<>();
    TrainingConfig config =
        new TrainingConfig(7, 32, 0.01, Optimizer.SGD, 0.9, 0, 0.1, true, 8, true, null);
    TrainingResult result = Trainer.train(spec, null, regression, config, seen::add, null);
    assertThat(seen).hasSize(7).isEqualTo(result.history());
    assertThat(seen.get(0).accuracy()).isNull();
    assertThat(seen.get(0).validationAccuracy()).isNull();
    assertThat(seen.get(0).validationLoss()).isNotNull();
    assertThat(result.bestEpoch()).isEqualTo(7);
  }

  @Test
  void refusesDataOfTheWrongWidth() throws IOException {
    NetworkSpec spec = TestNetworks.spec(3, Loss.QUADRATIC, 2, Activation.IDENTITY);
    TrainingConfig config = TestNetworks.config(1, 4, 0.1, Optimizer.SGD, false, 1);
    assertThatThrownBy(() -> Trainer.train(spec, null, iris(), config, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 columns");
    assertThatThrownBy(() -> new TrainingData(new float[][] {{1f, Float.NaN}}, new float[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new TrainingData(new float[][] {{1f, 2f}, {1f}}, new float[][] {{1}, {2}}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
