package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThinningTest {

  static double[] epochs(int n) {
    return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
  }

  @Test
  void shortCurvesKeepEveryEpoch() {
    double[] values = {3, 2, Double.POSITIVE_INFINITY, 1};
    Thinning.Points points = Thinning.thin(epochs(4), values);
    assertThat(points.epochs()).containsExactly(1, 2, 3, 4);
    assertThat(points.values()[0]).isEqualTo(3);
    assertThat(points.values()[2]).isNaN();
    assertThat(values[2]).as("the input is left alone").isInfinite();
  }

  @Test
  void longCurvesKeepTheLowAndHighOfEachBucketInEpochOrder() {
    double[] values = new double[10];
    Arrays.setAll(values, i -> i % 5 == 2 ? 9 - i : i);
    // 10 epochs, at most 4 points: 2 buckets of 5.
    Thinning.Points points = Thinning.thin(epochs(10), values, 4);
    // Values 0 1 7 3 4 | 5 6 2 8 9.
    assertThat(points.epochs()).containsExactly(1, 3, 8, 10);
    assertThat(points.values()).containsExactly(0, 7, 2, 9);
  }

  @Test
  void aSpikeSurvivesAHundredThousandEpochs() {
    int n = 100_000;
    double[] values = new double[n];
    Arrays.setAll(values, i -> 1.0 / (i + 1));
    values[54_321] = 1000;
    values[99_998] = -1;
    Thinning.Points points = Thinning.thin(epochs(n), values);
    assertThat(points.size()).isLessThanOrEqualTo(Thinning.MAX_POINTS);
    assertThat(points.values()).contains(1000.0, -1.0, 1.0);
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.epochs()[i]).isGreaterThan(points.epochs()[i - 1]);
    }
  }

  @Test
  void aBucketWithANanKeepsAGap() {
    double[] values = new double[10];
    Arrays.fill(values, 1);
    values[7] = Double.NaN;
    Thinning.Points points = Thinning.thin(epochs(10), values, 4);
    // A flat bucket's low and high are one point; the second bucket adds its gap.
    assertThat(points.epochs()).containsExactly(1, 6, 8);
    assertThat(points.values()[1]).isEqualTo(1);
    assertThat(points.values()[2]).isNaN();
  }

  @Test
  void anAllNanBucketIsOneGap() {
    double[] values = new double[10];
    Arrays.fill(values, Double.NaN);
    Thinning.Points points = Thinning.thin(epochs(10), values, 4);
    assertThat(points.epochs()).containsExactly(1, 6);
    assertThat(Arrays.stream(points.values()).allMatch(Double::isNaN)).isTrue();
  }
}
