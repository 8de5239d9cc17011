package dev.backprop.prediction.bench;

import dev.backprop.BackpropApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One-row prediction latency when one network is asked against round-robin over {@value #MODELS}
 * small networks (4-8-3, seeded random weights, imported as model documents), over HTTP from one
 * client thread, as a client polling many models would see it. Both patterns are warmed the same
 * way, interleaved ({@code -Dbench.warmup}, default 45 s in all), then measured in alternating
 * blocks ({@code -Dbench.blocks} of {@code -Dbench.requests} each) so that other load on the
 * machine falls on both alike. Extra {@code --name=value} arguments go to the service ({@code
 * -Dexec.args} is not used: pass them as {@code
 * -Dbench.args="--backprop.serving.model-cache-size=1"}). Run with {@code ./mvnw -B -q -Pbench
 * test-compile -Dbench.main=dev.backprop.prediction.bench.ModelCacheBenchmark}; port {@code
 * -Dbench.port} (default 18112).
 */
public final class ModelCacheBenchmark {

  static final int MODELS = 1000;
  private static final String ROW = "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2]] }";

  private ModelCacheBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("backprop-cache-bench");
    String port = System.getProperty("bench.port", "18112");
    Duration warmup = Duration.parse("PT" + System.getProperty("bench.warmup", "45s"));
    int blocks = Integer.getInteger("bench.blocks", 10);
    int requests = Integer.getInteger("bench.requests", 2000);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--backprop.data-dir=" + dir,
                "--backprop.training.enabled=false",
                "--logging.level.root=WARN"));
    String extra = System.getProperty("bench.args", "").trim();
    if (!extra.isEmpty()) {
      arguments.addAll(Arrays.asList(extra.split("\\s+")));
    }
    ConfigurableApplicationContext context =
        SpringApplication.run(BackpropApplication.class, arguments.toArray(String[]::new));
    try {
      Client client = new Client("http://127.0.0.1:" + port);
      long importStart = System.nanoTime();
      Random random = new Random(42);
      for (int i = 0; i < MODELS; i++) {
        client.post("/api/v1/networks/import", document("m" + i, random), 201);
      }
      System.out.printf(
          "imported %d networks in %.1f s%n", MODELS, (System.nanoTime() - importStart) / 1e9);
      long warmEnd = System.nanoTime() + warmup.toNanos();
      int next = 0;
      while (System.nanoTime() < warmEnd) {
        next = client.run(next, 200, false).next();
        next = client.run(next, 200, true).next();
      }
      Block one = new Block();
      Block roundRobin = new Block();
      for (int b = 0; b < blocks; b++) {
        one.add(client.run(next, requests, false));
        Run rr = client.run(next, requests, true);
        roundRobin.add(rr);
        next = rr.next();
      }
      print(one, roundRobin, requests * blocks, warmup, extra);
      ServiceLatencies.print(context.getBean(MeterRegistry.class));
    } finally {
      context.close();
    }
  }

  private static void print(Block one, Block rr, int n, Duration warmup, String extra) {
    System.out.printf(
        "%n%d requests per pattern, one client thread, after %d s of interleaved warm-up%s%n",
        n, warmup.toSeconds(), extra.isEmpty() ? "" : " (" + extra + ")");
    System.out.printf(
        "| %-33s | %8s | %8s | %8s | %8s |%n", "pattern", "mean µs", "p50 µs", "p90 µs", "p99 µs");
    System.out.println(
        "|-----------------------------------|----------|----------|----------|----------|");
    System.out.println(one.row("one network"));
    System.out.println(rr.row("round-robin over " + MODELS + " networks"));
    System.out.printf(
        Locale.ROOT,
        "%nround-robin / one: p50 %.2fx, mean %.2fx (target <= 1.3x)%n",
        rr.percentile(50) / one.percentile(50),
        rr.mean() / one.mean());
  }

  /** A 4-8-3 model document (relu, softmax) with seeded random weights. */
  static String document(String name, Random random) {
    StringBuilder json = new StringBuilder();
    json.append(
            "{ \"format\": \"backprop-model\", \"formatVersion\": 1, \"network\": { \"name\": \"")
        .append(name)
        .append("\", \"inputs\": 4, \"layers\": [ { \"units\": 8, \"activation\": \"relu\" },")
        .append(" { \"units\": 3, \"activation\": \"softmax\" } ], \"loss\": \"cross_entropy\",")
        .append(" \"seed\": 42 }, \"version\": 1, \"standardization\": null, \"layers\": [ ");
    layer(json, random, 4, 8);
    json.append(", ");
    layer(json, random, 8, 3);
    return json.append(" ] }").toString();
  }

  private static void layer(StringBuilder json, Random random, int fanIn, int units) {
    json.append("{ \"weights\": [");
    for (int u = 0; u < units; u++) {
      json.append(u == 0 ? "[" : ", [");
      for (int i = 0; i < fanIn; i++) {
        json.append(i == 0 ? "" : ", ").append((float) (random.nextGaussian() * 0.5));
      }
      json.append(']');
    }
    json.append("], \"biases\": [");
    for (int u = 0; u < units; u++) {
      json.append(u == 0 ? "" : ", ").append((float) (random.nextDouble() * 0.2 - 0.1));
    }
    json.append("] }");
  }

  /** Latencies of one block, and the model the next round-robin block starts at. */
  private record Run(long[] nanos, int next) {}

  private static final class Block {
    private final List<long[]> runs = new ArrayList<>();

    void add(Run run) {
      runs.add(run.nanos());
    }

    long[] sorted() {
      long[] all = runs.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return all;
    }

    double percentile(int p) {
      long[] all = sorted();
      return all[Math.min(all.length - 1, all.length * p / 100)] / 1e3;
    }

    double mean() {
      return Arrays.stream(sorted()).average().orElse(0) / 1e3;
    }

    String row(String name) {
      return String.format(
          Locale.ROOT,
          "| %-33s | %8.0f | %8.0f | %8.0f | %8.0f |",
          name,
          mean(),
          percentile(50),
          percentile(90),
          percentile(99));
    }
  }

  private static final class Client {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    Client(String base) {
      this.base = base;
    }

    Run run(int start, int requests, boolean roundRobin) throws IOException, InterruptedException {
      long[] nanos = new long[requests];
      int model = start;
      for (int i = 0; i < requests; i++) {
        String name = roundRobin ? "m" + model : "m0";
        long t = System.nanoTime();
        post("/api/v1/networks/" + name + "/predictions", ROW, 200);
        nanos[i] = System.nanoTime() - t;
        model = roundRobin ? (model + 1) % MODELS : model;
      }
      return new Run(nanos, model);
    }

    void post(String path, String body, int expected) throws IOException, InterruptedException {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new IllegalStateException(
            path + " answered " + answer.statusCode() + ": " + answer.body());
      }
    }
  }
}
