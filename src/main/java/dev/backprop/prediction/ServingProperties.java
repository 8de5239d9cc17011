package dev.backprop.prediction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How trained versions are served.
 *
 * @param modelCacheSize how many decoded versions are kept in memory (least recently used go)
 * @param versionRefresh how long a resolved {@code latest} is trusted before the database is asked
 *     again; a version trained on this replica is seen at once, one trained on another within this
 */
@ConfigurationProperties("backprop.serving")
public record ServingProperties(
    @DefaultValue("64") int modelCacheSize, @DefaultValue("1s") Duration versionRefresh) {

  public ServingProperties {
    if (modelCacheSize < 1) {
      throw new IllegalArgumentException("backprop.serving.model-cache-size must be >= 1");
    }
  }
}
