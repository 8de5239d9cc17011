package dev.backprop.openinference;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up at start: before readiness turns UP, the latest version of each network answers
 * one-row infer requests through the same codec, batcher and feedforward as clients' requests, so
 * that the JIT has compiled that path before the first client's request arrives.
 *
 * @param enabled whether to warm up at all
 * @param requests infer requests per network (each one row, with seeded random inputs)
 * @param maxModels most networks warmed (the first ones by name); the others are served cold
 * @param timeout longest the whole warm-up (both phases) may take; it stops where it is when this
 *     has passed, and readiness turns UP all the same. One second, not three: side by side on 2
 *     CPUs it saved about 2 CPU-seconds before readiness, and the CPU-seconds to 80% of steady
 *     throughput stayed within the same (noisy) range (README, Cold start)
 * @param httpRequests infer requests sent after the in-process ones to the service's own port over
 *     loopback, round-robin over the warmed networks (in all, not per network), so that the web
 *     stack around the infer path (connector, filters, API key check, dispatch) is compiled too; 0
 *     turns this phase off. Skipped when the server speaks TLS
 * @param httpConnections connections those requests are sent on at once: few, so that the JIT's
 *     compiler threads keep their share of the cores
 * @param jitQuietTimeout longest the last phase may take, after the others and outside their {@code
 *     timeout}: HTTP requests go on (as in the second phase) until the JIT has gone quiet, so that
 *     C2 compiles the request path while no client's request thread competes with it; 0 turns it
 *     off. Skipped where the second phase is
 * @param jitQuietWindow how long the JIT's compile time must (almost) stop growing, by at most a
 *     tenth of this, for it to count as quiet
 */
@ConfigurationProperties("backprop.serving.warmup")
public record WarmupProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("20000") int requests,
    @DefaultValue("16") int maxModels,
    @DefaultValue("1s") Duration timeout,
    @DefaultValue("6000") int httpRequests,
    @DefaultValue("2") int httpConnections,
    @DefaultValue("0s") Duration jitQuietTimeout,
    @DefaultValue("200ms") Duration jitQuietWindow) {

  public WarmupProperties {
    if (requests < 0) {
      throw new IllegalArgumentException("backprop.serving.warmup.requests must be >= 0");
    }
    if (maxModels < 0) {
      throw new IllegalArgumentException("backprop.serving.warmup.max-models must be >= 0");
    }
    if (httpRequests < 0) {
      throw new IllegalArgumentException("backprop.serving.warmup.http-requests must be >= 0");
    }
    if (httpConnections < 1) {
      throw new IllegalArgumentException("backprop.serving.warmup.http-connections must be >= 1");
    }
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.warmup.timeout must be >= 0");
    }
    if (jitQuietTimeout == null || jitQuietTimeout.isNegative()) {
      throw new IllegalArgumentException("backprop.serving.warmup.jit-quiet-timeout must be >= 0");
    }
    if (jitQuietWindow == null || jitQuietWindow.toMillis() < 10) {
      throw new IllegalArgumentException(
          "backprop.serving.warmup.jit-quiet-window must be >= 10ms");
    }
  }
}
