package dev.backprop.prediction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Prediction meters, built once per network the first time it is asked. */
@Component
class PredictionMetrics {

  private final MeterRegistry registry;

  PredictionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void predicted(String network, int rows, long nanos) {
    Timer.builder("backprop.prediction.duration")
        .description("Time to answer a prediction request, end to end in the service")
        .tag("network", network)
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("backprop.prediction.rows")
        .description("Rows predicted")
        .tag("network", network)
        .register(registry)
        .increment(rows);
  }
}
