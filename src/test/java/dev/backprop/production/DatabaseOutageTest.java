package dev.backprop.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A 20 s outage of the database under a running replica, and its end, with no restart: readiness
 * turns DOWN and UP again within 2 s of each change; versions the replica has cached keep being
 * served (a pinned version throughout, {@code latest} for {@code stale-latest-max}); whatever needs
 * the database is a fast 503 with {@code Retry-After}; afterwards everything works again.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

  static final long OUTAGE_NANOS = Duration.ofSeconds(20).toNanos();
  static final Duration STALE_LATEST = Duration.ofSeconds(8);
  static final String ROWS = "{ \"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] }";
  static final String V2_ROWS =
      "{ \"inputs\": [ { \"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
          + " \"data\": [5.1, 3.5, 1.4, 0.2] } ] }";

  PostgresDatabase database;
  Replica replica;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    replica = Replica.start("A", database, "--backprop.serving.stale-latest-max=" + STALE_LATEST);
  }

  @AfterAll
  void stop() {
    if (replica != null) {
      replica.close();
    }
  }

  /** One request during the outage: what was asked, when (since it began), how it went. */
  record Call(String what, long sentNanos, long tookNanos, int status, String retryAfter) {
    double tookMillis() {
      return tookNanos / 1e6;
    }
  }

  @Test
  void cachedVersionsAreServedOthersFailFastAndReadinessFollowsWithinTwoSeconds() throws Exception {
    HttpTestClient http = replica.http();
    TestModels.importIris(http, "iris");
    TestModels.importIris(http, "cold"); // never asked for here: not cached
    assertThat(predict(http, "iris", "1").statusCode()).isEqualTo(200);
    assertThat(infer(http, "iris", "1").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

    ReadinessWatch readiness = new ReadinessWatch(http);
    List<Call> calls = new ArrayList<>();
    long latestAskedAt;
    long latestResolvedAt;
    long begin;
    Outage outage = new Outage(database);
    try {
      latestAskedAt = System.nanoTime();
      assertThat(predict(http, "iris", "latest").statusCode()).isEqualTo(200);
      latestResolvedAt = System.nanoTime(); // resolved between the two
      readiness.start();
      begin = System.nanoTime();
      int terminated = outage.begin();
      System.out.printf("Outage begun: %d connections ended%n", terminated);
      while (System.nanoTime() - begin < OUTAGE_NANOS) {
        calls.add(call("pinned", begin, () -> predict(http, "iris", "1")));
        calls.add(call("v2 pinned", begin, () -> infer(http, "iris", "1")));
        calls.add(call("latest", begin, () -> predict(http, "iris", "latest")));
        calls.add(call("uncached", begin, () -> predict(http, "cold", "1")));
        calls.add(call("list", begin, () -> http.get("/api/v1/networks")));
        calls.add(call("v2 metadata", begin, () -> http.get("/v2/models/cold")));
        Thread.sleep(50);
      }
    } finally {
      outage.close();
    }
    long end = System.nanoTime();
    readiness.outageEnds(end);
    readiness.awaitUp(Duration.ofSeconds(30));
    readiness.stop();

    long down = readiness.downAt.get() - begin;
    long up = readiness.upAt.get() - end;
    System.out.printf(
        "Readiness DOWN %.0f ms after the outage began, UP %.0f ms after it ended%n",
        down / 1e6, up / 1e6);
    report(calls);

    assertThat(Duration.ofNanos(down)).isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(up)).isLessThan(Duration.ofSeconds(2));
    assertThat(calls)
        .filteredOn(c -> c.what().endsWith("pinned"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(200));
    long staleLatestEnds = latestResolvedAt - begin + STALE_LATEST.toNanos();
    long staleLatestEndsEarliest = latestAskedAt - begin + STALE_LATEST.toNanos();
    long slack = Duration.ofMillis(500).toNanos();
    assertThat(calls)
        .filteredOn(
            c -> c.what().equals("latest") && c.sentNanos() < staleLatestEndsEarliest - slack)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(200));
    assertThat(calls)
        .filteredOn(c -> c.what().equals("latest") && c.sentNanos() > staleLatestEnds + slack)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(503));
    assertThat(calls)
        .filteredOn(c -> List.of("uncached", "list", "v2 metadata").contains(c.what()))
        .allSatisfy(
            c -> {
              assertThat(c.status()).as(c.toString()).isEqualTo(503);
              assertThat(c.retryAfter()).as(c.toString()).isEqualTo("1");
              // Hikari's connection timeout (2 s) at worst, before the first failed check
              assertThat(c.tookMillis()).as(c.toString()).isLessThan(3000);
            });
    assertThat(calls)
        .filteredOn(c -> c.status() == 503 && c.sentNanos() > down)
        .allSatisfy(c -> assertThat(c.tookMillis()).as(c.toString()).isLessThan(1000));

    // Everything works again, with no restart.
    assertThat(predict(http, "cold", "1").statusCode()).isEqualTo(200);
    assertThat(predict(http, "iris", "latest").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/networks").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/models/cold").statusCode()).isEqualTo(200);
    TestModels.importIris(http, "after");
    assertThat(predict(http, "after", "latest").statusCode()).isEqualTo(200);
  }

  @Test
  void theAnswersNameTheCause() throws Exception {
    HttpTestClient http = replica.http();
    TestModels.importIris(http, "named");
    try (Outage outage = new Outage(database)) {
      outage.begin();
      HttpResponse<String> problem = http.get("/api/v1/networks/named");
      for (int i = 0; i < 100 && problem.statusCode() != 503; i++) {
        Thread.sleep(50);
        problem = http.get("/api/v1/networks/named");
      }
      assertThat(problem.statusCode()).as(problem.body()).isEqualTo(503);
      assertThat(problem.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(problem.body())
          .contains("\"type\":\"https://backprop.dev/problems/service-unavailable\"")
          .contains("\"status\":503")
          .contains("the database is unreachable");
      HttpResponse<String> v2 = http.get("/v2/models/named");
      assertThat(v2.statusCode()).isEqualTo(503);
      assertThat(v2.body()).startsWith("{\"error\":\"the database is unreachable");
      assertThat(v2.headers().firstValue("Retry-After")).hasValue("1");
    }
    HttpResponse<String> back = http.get("/api/v1/networks/named");
    for (int i = 0; i < 100 && back.statusCode() != 200; i++) {
      Thread.sleep(50);
      back = http.get("/api/v1/networks/named");
    }
    assertThat(back.statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> predict(HttpTestClient http, String network, String v) {
    return http.send(
        "POST",
        "/api/v1/networks/" + network + "/predictions?version=" + v,
        "application/json",
        ROWS);
  }

  private static HttpResponse<String> infer(HttpTestClient http, String network, String v) {
    return http.send(
        "POST", "/v2/models/" + network + "/versions/" + v + "/infer", "application/json", V2_ROWS);
  }

  private static Call call(
      String what, long begin, java.util.function.Supplier<HttpResponse<String>> request) {
    long sent = System.nanoTime();
    HttpResponse<String> response = request.get();
    long took = System.nanoTime() - sent;
    return new Call(
        what,
        sent - begin,
        took,
        response.statusCode(),
        response.headers().firstValue("Retry-After").orElse(null));
  }

  private static void report(List<Call> calls) {
    for (String what :
        List.of("pinned", "v2 pinned", "latest", "uncached", "list", "v2 metadata")) {
      List<Call> of = calls.stream().filter(c -> c.what().equals(what)).toList();
      long ok = of.stream().filter(c -> c.status() == 200).count();
      long unavailable = of.stream().filter(c -> c.status() == 503).count();
      double[] millis = of.stream().mapToDouble(Call::tookMillis).sorted().toArray();
      System.out.printf(
          "During the outage, %-11s %3d requests: %3d x 200, %3d x 503; latency p50 %.1f ms,"
              + " max %.1f ms%n",
          what, of.size(), ok, unavailable, millis[millis.length / 2], millis[millis.length - 1]);
    }
    calls.stream()
        .filter(c -> c.what().equals("latest") && c.status() == 503)
        .findFirst()
        .ifPresent(
            c ->
                System.out.printf(
                    "'latest' refused from %.1f s into the outage%n", c.sentNanos() / 1e9));
  }

  /** Polls readiness every 20 ms on a thread of its own, noting when it changes. */
  static final class ReadinessWatch {
    final HttpTestClient http;
    final AtomicLong downAt = new AtomicLong();
    final AtomicLong upAt = new AtomicLong();
    final AtomicLong outageEnded = new AtomicLong(Long.MAX_VALUE);
    volatile boolean running = true;
    Thread thread;

    ReadinessWatch(HttpTestClient http) {
      this.http = http;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  int status = http.get("/actuator/health/readiness").statusCode();
                  long now = System.nanoTime();
                  if (status == 503) {
                    downAt.compareAndSet(0, now);
                  } else if (status == 200 && now > outageEnded.get()) {
                    upAt.compareAndSet(0, now);
                  }
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "readiness-watch");
      thread.start();
    }

    void outageEnds(long at) {
      outageEnded.set(at);
    }

    void awaitUp(Duration atMost) throws InterruptedException {
      long deadline = System.nanoTime() + atMost.toNanos();
      while (upAt.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(upAt.get()).as("readiness UP again").isNotZero();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }
  }
}
