package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The warm-up's defaults: it may delay readiness by one second at most, which keeps a replica's
 * start within its 6 s readiness budget on 2 CPUs (measured in the README's Cold start section).
 */
class WarmupPropertiesTest {

  @Test
  void theWarmUpDelaysReadinessByOneSecondAtMost() {
    WarmupProperties defaults =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("backprop.serving.warmup", WarmupProperties.class);
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.enabled()).isTrue();
  }
}
