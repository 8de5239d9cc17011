package dev.backprop.openinference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up's second phase: infer requests sent to the service's own port over loopback, so that
 * what a client's request runs through before and after the infer service (Tomcat's connector, the
 * filter chain and API key check, Spring MVC's dispatch, the metrics) is compiled as well.
 *
 * <p>A few connections only (two by default on any machine): each one keeps a request thread of the
 * server busy, and the JIT's compiler threads share the cores with them. Measured with {@code
 * scripts/bench-coldstart.sh}: under the benchmark's 16 connections after readiness, the compiler
 * threads get a sixteenth of the time they get here, which is why the first seconds after readiness
 * were slow.
 *
 * @param base the service's address, e.g. {@code http://127.0.0.1:8080} (plus any context path)
 * @param apiKey sent as {@code X-API-Key} when not null (when keys are configured)
 */
record HttpWarmup(String base, String apiKey, int connections) {

  private static final Logger log = LoggerFactory.getLogger(HttpWarmup.class);

  /** One network's bodies and the path its requests go to. */
  record Target(String path, WarmupBodies bodies) {}

  /**
   * Sends up to {@code requests} requests, round-robin over the targets, until they are sent or the
   * deadline ({@link System#nanoTime} scale) passes; returns how many were answered with 200.
   */
  int send(List<Target> targets, int requests, long deadline) {
    return send(targets, requests, deadline, () -> false);
  }

  /**
   * As {@link #send(List, int, long)}, and stops early once {@code enough} says so (checked before
   * each request, from every connection's thread).
   */
  int send(List<Target> targets, int requests, long deadline, BooleanSupplier enough) {
    if (targets.isEmpty() || requests <= 0 || connections <= 0) {
      return 0;
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(connections, HttpWarmup::thread);
    try {
      List<Future<?>> sending = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        sending.add(
            pool.submit(
                () -> {
                  sendUntilDone(client, targets, requests, deadline, enough, next, answered);
                  return null;
                }));
      }
      for (Future<?> future : sending) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("Warm-up over HTTP stopped: {}", e.getCause().toString());
    } finally {
      pool.shutdownNow();
    }
    return answered.get();
  }

  private void sendUntilDone(
      HttpClient client,
      List<Target> targets,
      int requests,
      long deadline,
      BooleanSupplier enough,
      AtomicInteger next,
      AtomicInteger answered)
      throws IOException, InterruptedException {
    for (int n = next.getAndIncrement();
        n < requests && System.nanoTime() - deadline < 0 && !enough.getAsBoolean();
        n = next.getAndIncrement()) {
      Target target = targets.get(n % targets.size());
      int status =
          client.send(request(target, n), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        // A refusal here would be refused for clients too: say so once and stop warming.
        throw new IOException(target.path() + " answered " + status + " to a warm-up request");
      }
      answered.incrementAndGet();
    }
  }

  private HttpRequest request(Target target, int n) {
    boolean binary = WarmupBodies.isBinary(n);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + target.path()))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofByteArray(target.bodies().body(n)));
    if (binary) {
      builder
          .header("Content-Type", "application/octet-stream")
          .header(BinaryTensors.HEADER_LENGTH, Integer.toString(target.bodies().headerLength()));
    } else {
      builder.header("Content-Type", "application/json");
    }
    if (apiKey != null) {
      builder.header("X-API-Key", apiKey);
    }
    return builder.build();
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "warmup-http");
    thread.setDaemon(true);
    return thread;
  }
}
