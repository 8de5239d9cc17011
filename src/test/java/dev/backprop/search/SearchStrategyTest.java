package dev.backprop.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grid order, and random draws: distinct, reproducible from the seed, within the space. */
class SearchStrategyTest {

  @Test
  void gridVisitsCombinationsAsNestedLoopsWouldUpToTheBudget() {
    Combinations space = new Combinations(new int[] {3, 2});
    assertThat(SearchStrategy.GRID.choose(space.count(), 100, 1))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(SearchStrategy.GRID.choose(space.count(), 4, 1)).containsExactly(0L, 1L, 2L, 3L);
    assertThat(space.at(0)).containsExactly(0, 0);
    assertThat(space.at(1)).containsExactly(0, 1); // the last hyperparameter varies fastest
    assertThat(space.at(2)).containsExactly(1, 0);
    assertThat(space.at(5)).containsExactly(2, 1);
  }

  @Test
  void randomDrawsDistinctCombinationsReproduciblyFromItsSeed() {
    long count = new Combinations(new int[] {5, 4, 3, 6}).count(); // 360
    for (int n : new int[] {1, 7, 50, 200, 360}) { // sparse and dense draws alike
      List<Long> drawn = SearchStrategy.RANDOM.choose(count, n, 11);
      assertThat(drawn).hasSize(n).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < count);
      assertThat(SearchStrategy.RANDOM.choose(count, n, 11)).isEqualTo(drawn);
    }
    assertThat(SearchStrategy.RANDOM.choose(count, 20, 12))
        .isNotEqualTo(SearchStrategy.RANDOM.choose(count, 20, 11));
  }

  @Test
  void randomDrawOfMoreThanTheSpaceHoldsTakesEveryCombinationOnce() {
    List<Long> drawn = SearchStrategy.RANDOM.choose(6, 10, 3);
    assertThat(new HashSet<>(drawn)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(drawn).hasSize(6);
  }

  @Test
  void randomDrawsAreSpreadOverTheSpace() {
    // 1000 draws of 5 out of 10: each combination comes up about half the time.
    int[] seen = new int[10];
    for (long seed = 0; seed < 1000; seed++) {
      SearchStrategy.RANDOM.choose(10, 5, seed).forEach(i -> seen[i.intValue()]++);
    }
    for (int times : seen) {
      assertThat(times).isBetween(400, 600);
    }
  }

  @Test
  void leaderboardRanksLossesUpAndAccuraciesDown() {
    assertThat(SearchMetric.VALIDATION_LOSS.compare(0.1, 0.2)).isNegative();
    assertThat(SearchMetric.ACCURACY.compare(0.9, 0.8)).isNegative();
    assertThat(SearchMetric.fromName("validationAccuracy"))
        .contains(SearchMetric.VALIDATION_ACCURACY);
    assertThat(SearchMetric.fromName("f1")).isEmpty();
  }
}
