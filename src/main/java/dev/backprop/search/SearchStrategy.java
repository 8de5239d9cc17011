package dev.backprop.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/** How a search picks its candidates among a space's combinations. */
enum SearchStrategy {
  /** Every combination in order, the first {@code n} of them. */
  GRID("grid") {
    @Override
    List<Long> choose(long count, int n, long seed) {
      return LongStream.range(0, Math.min(count, n)).boxed().toList();
    }
  },
  /** {@code n} distinct combinations drawn with the search's seed. */
  RANDOM("random") {
    @Override
    List<Long> choose(long count, int n, long seed) {
      return RandomDraw.distinct(count, n, seed);
    }
  };

  private final String apiName;

  SearchStrategy(String apiName) {
    this.apiName = apiName;
  }

  String apiName() {
    return apiName;
  }

  /** The combinations (numbered as {@link Combinations} does) the candidates run, in order. */
  abstract List<Long> choose(long count, int n, long seed);

  static Optional<SearchStrategy> fromName(String name) {
    return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
  }
}
