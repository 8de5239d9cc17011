package dev.backprop.prediction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionCreatedEvent;
import dev.backprop.network.VersionKey;
import dev.backprop.storage.DatabaseAvailability;
import dev.backprop.storage.DatabaseUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Trained versions kept decoded in memory, keyed by their stored id, which is never reused: a
 * network deleted and defined again (here or on another replica) gets new ids, so a cached model
 * can never be served under another network's name and number.
 *
 * <p>What a reference ({@code latest}, or a number) resolves to is remembered, with when it was
 * resolved, and asked of the database again (one small query) once it is older than {@link
 * ServingProperties#versionRefresh()}: the bound on how long this replica may serve a version that
 * another replica has deleted or superseded. Changes made on this replica are seen at once.
 *
 * <p>While the database is unreachable, a remembered resolution whose model is cached is served
 * anyway: a version number for as long as the model stays cached, {@code latest} for at most {@link
 * ServingProperties#staleLatestMax()} after it was last resolved. Anything else needs the database
 * and fails fast with {@link DatabaseUnavailableException} (503).
 */
@Component
public class ModelCache {

  /** The {@code cache} tag of the cache's meters. */
  static final String CACHE_NAME = "models";

  /** What a reference resolved to, and when ({@link #nanoTime} reading). */
  private record Resolution(long id, long resolvedAt) {}

  private final NetworkService networks;
  private final DatabaseAvailability database;
  private final LongSupplier nanoTime;
  private final long refreshNanos;
  private final long staleLatestNanos;
  private final Cache<Long, TrainedVersion> models;
  private final Cache<String, Resolution> resolutions;

  @Autowired
  ModelCache(
      NetworkService networks,
      ServingProperties properties,
      DatabaseAvailability database,
      MeterRegistry registry) {
    this(networks, properties, database, registry, System::nanoTime);
  }

  ModelCache(
      NetworkService networks,
      ServingProperties properties,
      DatabaseAvailability database,
      MeterRegistry registry,
      LongSupplier nanoTime) {
    this.networks = networks;
    this.database = database;
    this.nanoTime = nanoTime;
    this.refreshNanos = properties.versionRefresh().toNanos();
    this.staleLatestNanos = properties.staleLatestMax().toNanos();
    // Bounded by the models' bytes, not their number: a thousand small networks fit where a few
    // large ones would. Evictions on the calling thread: the cache is at its size as soon as a call
    // returns.
    this.models =
        Caffeine.newBuilder()
            .maximumWeight(properties.modelCacheSize().toBytes())
            .weigher(ModelWeigher.INSTANCE)
            .executor(Runnable::run)
            .recordStats()
            .build();
    // cache_gets_total{cache="models",result="hit|miss"}, cache_evictions_total, cache_size, ...
    CaffeineCacheMetrics.monitor(registry, models, CACHE_NAME);
    this.resolutions = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  /** The version a reference ({@code latest} or a number) names; 404 problems if none. */
  public TrainedVersion get(String network, String reference) {
    String ref = reference == null ? NetworkService.LATEST : reference;
    Resolution resolution = resolve(network, ref);
    // One lookup, so that each request counts as exactly one hit or one miss.
    return models.get(resolution.id(), networks::load);
  }

  private Resolution resolve(String network, String ref) {
    String key = network + "@" + ref;
    Resolution known = resolutions.getIfPresent(key);
    long now = nanoTime.getAsLong();
    if (known != null && now - known.resolvedAt() < refreshNanos) {
      return known;
    }
    if (known != null && !database.isAvailable()) {
      return servableWithoutDatabase(known, ref, now);
    }
    try {
      VersionKey located = networks.locate(network, ref);
      Resolution fresh = new Resolution(located.id(), now);
      resolutions.put(key, fresh);
      return fresh;
    } catch (RuntimeException e) {
      if (known != null && database.reportFailure(e)) {
        return servableWithoutDatabase(known, ref, now);
      }
      resolutions.invalidate(key); // deleted, say: never serve it again, even in an outage
      throw e;
    }
  }

  /** {@code known}, if it may be served while the database is away; else why not. */
  private Resolution servableWithoutDatabase(Resolution known, String ref, long now) {
    if (!models.asMap().containsKey(known.id())) { // a look, not a use: no hit or miss counted
      throw new DatabaseUnavailableException(null, database.retryAfter());
    }
    if (NetworkService.LATEST.equals(ref) && now - known.resolvedAt() > staleLatestNanos) {
      throw new DatabaseUnavailableException(
          "what 'latest' names was last known "
              + (now - known.resolvedAt()) / 1_000_000_000L
              + " s ago, longer than backprop.serving.stale-latest-max allows",
          database.retryAfter());
    }
    return known;
  }

  /** After the commit: before it, another request could still cache the old answer. */
  @TransactionalEventListener(fallbackExecution = true)
  void onVersionCreated(VersionCreatedEvent event) {
    forget(event.network());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onNetworkDeleted(NetworkDeletedEvent event) {
    forget(event.name());
    models.asMap().values().removeIf(v -> v.network().name().equals(event.name()));
  }

  private void forget(String network) {
    resolutions.asMap().keySet().removeIf(k -> k.startsWith(network + "@"));
  }
}
