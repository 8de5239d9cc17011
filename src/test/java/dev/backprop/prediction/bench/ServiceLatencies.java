package dev.backprop.prediction.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's own view of the latencies a benchmark caused: for each duration histogram of the
 * serving meters, the share of requests at or under each bucket bound, summed over every model.
 */
final class ServiceLatencies {

  private static final String[] HISTOGRAMS = {
    "backprop.inference.request.duration",
    "backprop.inference.queue.duration",
    "backprop.inference.compute.duration"
  };

  private ServiceLatencies() {}

  static void print(MeterRegistry registry) {
    System.out.println();
    System.out.println("In the service, share of requests at or under each bucket (all models):");
    for (String name : HISTOGRAMS) {
      TreeMap<Double, Double> cumulative = new TreeMap<>();
      long count = 0;
      double max = 0;
      for (Timer timer : registry.find(name).timers()) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        count += snapshot.count();
        max = Math.max(max, snapshot.max(TimeUnit.MILLISECONDS));
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
          cumulative.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
        }
      }
      StringBuilder row = new StringBuilder(String.format("%-38s n=%-7d", name, count));
      for (var bucket : cumulative.entrySet()) {
        row.append(
            String.format(
                Locale.ROOT,
                " <=%sms %.1f%%",
                bucket.getKey(),
                count == 0 ? 0 : 100 * bucket.getValue() / count));
      }
      System.out.println(row.append(String.format(Locale.ROOT, " max %.1fms", max)));
    }
    System.out.printf(
        "model cache: %.0f hits, %.0f misses, %.0f evictions%n",
        cacheCount(registry, "cache.gets", "hit"),
        cacheCount(registry, "cache.gets", "miss"),
        cacheCount(registry, "cache.evictions", null));
  }

  private static double cacheCount(MeterRegistry registry, String name, String result) {
    var search = registry.find(name).tags("cache", "models");
    if (result != null) {
      search = search.tag("result", result);
    }
    var counter = search.functionCounter();
    return counter == null ? Double.NaN : counter.count();
  }
}
