package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryThinningTest {

  /** Entries kept for epochs 1..last with stride k: 1, 1+k, ... and the last. */
  static int entries(int last, int k) {
    int onStride = (last - 1) / k + 1;
    return (last - 1) % k == 0 ? onStride : onStride + 1;
  }

  @Test
  void upTo1000EpochsEveryEpochIsKept() {
    assertThat(HistoryThinning.stride(0)).isEqualTo(1);
    assertThat(HistoryThinning.stride(1)).isEqualTo(1);
    assertThat(HistoryThinning.stride(1000)).isEqualTo(1);
  }

  @Test
  void longerHistoriesKeepAtMost1000EntriesWithTheSmallestStride() {
    for (int last = 1001; last <= 100_000; last++) {
      int k = HistoryThinning.stride(last);
      assertThat(entries(last, k)).as("last %d, stride %d", last, k).isLessThanOrEqualTo(1000);
      assertThat(entries(last, k - 1)).as("last %d, stride %d", last, k - 1).isGreaterThan(1000);
    }
    assertThat(HistoryThinning.stride(1001)).isEqualTo(2);
    assertThat(HistoryThinning.stride(20_000)).isEqualTo(21);
    assertThat(HistoryThinning.stride(100_000)).isEqualTo(101);
    assertThat(entries(100_000, 101)).isEqualTo(992);
  }
}
