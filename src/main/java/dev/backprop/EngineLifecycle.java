package dev.backprop;

import dev.backprop.engine.Engine;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Loads ND4J's natives once, while the context starts, so that the first request does not pay for
 * it; until then the {@code engine} health indicator (part of the readiness group) is DOWN.
 */
@Component("engine")
class EngineLifecycle implements SmartInitializingSingleton, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(EngineLifecycle.class);

  private final AtomicLong startupMillis = new AtomicLong(-1);

  @Override
  public void afterSingletonsInstantiated() {
    long millis = Engine.initialize();
    startupMillis.set(millis);
    log.info(
        "ND4J initialised in {} ms (backend {}, {} BLAS thread(s))",
        millis,
        Nd4j.getBackend().getClass().getSimpleName(),
        Engine.blasThreads());
  }

  @Override
  public Health health() {
    long millis = startupMillis.get();
    return millis < 0
        ? Health.down().withDetail("reason", "ND4J is not initialised yet").build()
        : Health.up().withDetail("initialisationMillis", millis).build();
  }
}
