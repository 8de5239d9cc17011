package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  static final Duration MIN = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(5);

  @Test
  void waitsDoubleWithJitterUpToTheMaximumAndStartOverAfterASuccess() {
    RetryBackoff backoff = new RetryBackoff(MIN, MAX, 7);
    long ceiling = MIN.toNanos();
    for (int i = 0; i < 12; i++) {
      Duration wait = backoff.next();
      assertThat(wait.toNanos()).isBetween(ceiling / 2, ceiling);
      ceiling = Math.min(MAX.toNanos(), ceiling * 2);
    }
    backoff.reset();
    assertThat(backoff.next()).isBetween(MIN.dividedBy(2), MIN);
  }

  @Test
  void theSameSeedGivesTheSameWaitsAndAnotherSeedOthers() {
    assertThat(waits(1)).isEqualTo(waits(1)).isNotEqualTo(waits(2));
  }

  private static List<Duration> waits(long seed) {
    RetryBackoff backoff = new RetryBackoff(MIN, MAX, seed);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(backoff.next());
    }
    return waits;
  }
}
