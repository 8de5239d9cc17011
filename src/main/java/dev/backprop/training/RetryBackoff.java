package dev.backprop.training;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Waits between tries of something that failed because the database was away: the first is {@code
 * min}, each next one twice the last up to {@code max}, each drawn between half and all of that
 * from a seeded generator, so that replicas that lost the database together do not all come back in
 * the same millisecond. Not thread-safe: one per retrying loop.
 */
final class RetryBackoff {

  private final long minNanos;
  private final long maxNanos;
  private final SplittableRandom random;
  private long ceiling;

  RetryBackoff(Duration min, Duration max, long seed) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.random = new SplittableRandom(seed);
  }

  /** The wait before the next try. */
  Duration next() {
    ceiling = ceiling == 0 ? minNanos : Math.min(maxNanos, ceiling * 2);
    long half = ceiling / 2;
    return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
  }

  /** After a success: the next failure waits {@code min} again. */
  void reset() {
    ceiling = 0;
  }
}
