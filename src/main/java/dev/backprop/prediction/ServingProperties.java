package dev.backprop.prediction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * How trained versions are served.
 *
 * @param modelCacheSize memory for decoded versions, in MB unless a unit is given ({@code 512MB},
 *     {@code 2GB}): each version weighs its parameters' bytes (4 per weight and bias, 4 more per
 *     weight for the Java kernel's transposed copy, plus 8 per input when it standardizes). Past
 *     it, the versions least worth keeping (used rarely and not lately) go. At least the largest
 *     model served: one heavier than the whole cache is decoded again for each request. It used to
 *     count versions (64): a value meant as a count now reads as MB
 * @param versionRefresh how long what a reference ({@code latest} or a number) resolved to is
 *     trusted before the database is asked again (one small query). Changes made on this replica
 *     are seen at once; a version trained, or a network deleted or defined again, on another
 *     replica is seen within this: the bound on serving a stale model
 * @param staleLatestMax while the database is unreachable, how long after its last resolution
 *     {@code latest} is still served from the cached version it named (a pinned version number is
 *     served for as long as its model is cached); past it, 503
 * @param maxBatchSize most rows the dynamic batcher merges into one feedforward; 1 turns batching
 *     off (every request runs on its own)
 * @param maxQueueDelay longest a request waits for others to join its batch, once others are
 *     already queued; a request that finds the model idle runs at once
 * @param maxQueueSize most requests waiting per model version; past it a request is refused with
 *     503 and {@code Retry-After}
 * @param batchMinRowTime a version whose feedforward takes less than this per row (as its batches
 *     measure it) is not worth batching: a request that finds its batch running runs on its own at
 *     once instead of waiting for the next batch, since waiting and being woken cost more than
 *     sharing a batch saves. 0 batches every model
 */
@ConfigurationProperties("backprop.serving")
public record ServingProperties(
    @DefaultValue("256") @DataSizeUnit(DataUnit.MEGABYTES) DataSize modelCacheSize,
    @DefaultValue("1s") Duration versionRefresh,
    @DefaultValue("1m") Duration staleLatestMax,
    // 64 and 0: measured against 1 ms, 3 ms and batching off at 1 and 64 connections, three rounds
    // in both orders (docs/operations.md, "Batching defaults"): 0 gave 1.1-1.35x the req/s of 1 ms
    // and a lower p99 at 64 connections, as a leader that waits holds the lane while it waits.
    @DefaultValue("64") int maxBatchSize,
    @DefaultValue("0ms") Duration maxQueueDelay,
    @DefaultValue("1024") int maxQueueSize,
    // 100 µs: 784-256-128-10 at about 20 µs a row costs 30-50 CPU µs more per request batched than
    // alone (0.65-0.88x the req/s of batching off), while a batch of up to 8 rows saves about 30%
    // of the per-row time in the Java kernel; at 135 µs a row (the kernel before Wᵀ) batching
    // gained 1.1-1.6x. See docs/operations.md, "Batching defaults".
    @DefaultValue("100us") Duration batchMinRowTime) {

  public ServingProperties {
    if (modelCacheSize == null || modelCacheSize.toBytes() < 1) {
      throw new IllegalArgumentException("backprop.serving.model-cache-size must be > 0");
    }
    if (versionRefresh == null || versionRefresh.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.version-refresh must be >= 0");
    }
    if (staleLatestMax == null || staleLatestMax.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.stale-latest-max must be >= 0");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("backprop.serving.max-batch-size must be >= 1");
    }
    if (maxQueueDelay == null || maxQueueDelay.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.max-queue-delay must be >= 0");
    }
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("backprop.serving.max-queue-size must be >= 1");
    }
    if (batchMinRowTime == null || batchMinRowTime.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.batch-min-row-time must be >= 0");
    }
  }
}
