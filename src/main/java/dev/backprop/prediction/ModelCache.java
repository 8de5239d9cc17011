package dev.backprop.prediction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionCreatedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Trained versions kept decoded in memory. Versions never change, so a cached one is never stale;
 * only what {@code latest} (or any reference) resolves to is refreshed, after {@link
 * ServingProperties#versionRefresh()} or at once when this replica stores or deletes something.
 */
@Component
public class ModelCache {

  private record Key(String network, int version) {}

  private final NetworkService networks;
  private final Cache<Key, TrainedVersion> models;
  private final Cache<String, Integer> references;

  ModelCache(NetworkService networks, ServingProperties properties) {
    this.networks = networks;
    this.models = Caffeine.newBuilder().maximumSize(properties.modelCacheSize()).build();
    this.references =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(properties.versionRefresh())
            .build();
  }

  /** The version a reference ({@code latest} or a number) names; 404 problems if none. */
  public TrainedVersion get(String network, String reference) {
    String ref = reference == null ? NetworkService.LATEST : reference;
    Integer version = references.get(network + "@" + ref, k -> networks.resolve(network, ref));
    return models.get(new Key(network, version), k -> networks.load(network, version));
  }

  /** After the commit: before it, another request could still cache the old answer. */
  @TransactionalEventListener(fallbackExecution = true)
  void onVersionCreated(VersionCreatedEvent event) {
    forget(event.network());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onNetworkDeleted(NetworkDeletedEvent event) {
    forget(event.name());
    models.asMap().keySet().removeIf(k -> k.network().equals(event.name()));
  }

  private void forget(String network) {
    references.asMap().keySet().removeIf(k -> k.startsWith(network + "@"));
  }
}
