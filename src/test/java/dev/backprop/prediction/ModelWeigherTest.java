package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.backprop.engine.Model;
import dev.backprop.engine.Standardization;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import dev.backprop.network.VersionKey;
import dev.backprop.storage.DatabaseAvailability;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What a cached version weighs, and what the byte bound keeps, evicts and counts. */
class ModelWeigherTest {

  final NetworkService networks = mock(NetworkService.class);
  final DatabaseAvailability database = mock(DatabaseAvailability.class);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Map<Long, TrainedVersion> stored = new HashMap<>();

  @BeforeEach
  void aDatabaseOfStoredVersions() {
    when(database.isAvailable()).thenReturn(true);
    when(networks.locate(anyString(), anyString()))
        .thenAnswer(i -> new VersionKey(Long.parseLong(i.<String>getArgument(0).substring(1)), 1));
    when(networks.load(anyLong())).thenAnswer(i -> stored.get(i.<Long>getArgument(0)));
  }

  ModelCache cache(DataSize size) {
    return new ModelCache(
        networks,
        new ServingProperties(
            size,
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            64,
            Duration.ofMillis(1),
            1024,
            Duration.ZERO),
        database,
        registry,
        System::nanoTime);
  }

  void store(long id, int inputs, int hidden, int outputs) {
    TrainedVersion made = DynamicBatcherTest.version("n" + id, inputs, hidden, outputs);
    stored.put(id, new TrainedVersion(id, made.network(), made.info(), made.model()));
  }

  double counted(String name, String... tags) {
    return registry
        .get(name)
        .tags("cache", ModelCache.CACHE_NAME)
        .tags(tags)
        .functionCounter()
        .count();
  }

  @Test
  void aVersionWeighsFourBytesPerParameterFourMorePerWeightAndEightPerStandardizedInput() {
    TrainedVersion iris = DynamicBatcherTest.version("iris", 4, 8, 3);
    // 8 x (4 + 1) + 3 x (8 + 1) = 67 parameters, 56 of them weights (kept transposed too).
    assertThat(ModelWeigher.INSTANCE.weigh(1L, iris)).isEqualTo(4 * (67 + 56));
    Model standardized =
        new Model(
            iris.model().spec(),
            iris.model().parameters(),
            new Standardization(new float[] {5.8f, 3f, 3.7f, 1.2f}, new float[] {1, 1, 1, 1}));
    TrainedVersion withMeans = new TrainedVersion(2, iris.network(), iris.info(), standardized);
    assertThat(ModelWeigher.INSTANCE.weigh(2L, withMeans)).isEqualTo(4 * (67 + 56) + 32);
    // 784-256-10: 203,530 parameters, 203,264 of them weights.
    TrainedVersion mnist = DynamicBatcherTest.version("mnist", 784, 256, 10);
    assertThat(ModelWeigher.INSTANCE.weigh(3L, mnist))
        .isEqualTo(4 * (256 * 785 + 10 * 257 + 256 * 784 + 10 * 256));
  }

  @Test
  void aThousandSmallNetworksFitInOneMegabyteAndAreAllHits() {
    ModelCache cache = cache(DataSize.ofMegabytes(1));
    for (long id = 1; id <= 1000; id++) {
      store(id, 4, 8, 3);
    }
    for (int round = 0; round < 3; round++) {
      for (long id = 1; id <= 1000; id++) {
        assertThat(cache.get("n" + id, "1").id()).isEqualTo(id);
      }
    }
    assertThat(counted("cache.gets", "result", "miss")).isEqualTo(1000);
    assertThat(counted("cache.gets", "result", "hit")).isEqualTo(2000);
    assertThat(counted("cache.evictions")).isZero();
  }

  @Test
  void pastTheBoundVersionsAreEvictedByWeightAndCounted() {
    ModelCache cache = cache(DataSize.ofMegabytes(1));
    // 250-120-3: 243,372 bytes each (weights twice); four fit in 1 MB (973,488 bytes), a fifth
    // does not.
    for (long id = 1; id <= 5; id++) {
      store(id, 250, 120, 3);
      cache.get("n" + id, "1");
    }
    assertThat(counted("cache.evictions")).isEqualTo(1);
    assertThat(cached()).isEqualTo(4);
    // A heavier version evicts as many as it needs: 500-240-3 weighs 966,732 bytes.
    store(6, 500, 240, 3);
    // Caffeine admits a newcomer over its victims once it is asked for more often than they are.
    for (int i = 0; i < 10 && cached() > 1; i++) {
      assertThat(cache.get("n6", "1").id()).isEqualTo(6);
    }
    assertThat(cached()).isEqualTo(1);
    assertThat(counted("cache.evictions")).isGreaterThanOrEqualTo(5);
  }

  double cached() {
    return registry.get("cache.size").tags("cache", ModelCache.CACHE_NAME).gauge().value();
  }

  @Test
  void theMetersAreBuiltOnceWithTheCache() {
    ModelCache cache = cache(DataSize.ofMegabytes(1));
    int meters = registry.getMeters().size();
    store(1, 4, 8, 3);
    cache.get("n1", "1");
    cache.get("n1", "1");
    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(registry.find("cache.gets").functionCounters()).hasSize(2);
    FunctionCounter hits =
        registry.get("cache.gets").tags("cache", "models", "result", "hit").functionCounter();
    assertThat(hits.count()).isEqualTo(1);
  }
}
