package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.prediction.TestModels;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One life of the service in {@link AcknowledgedWritesSurviveKillTest}: five writers at once, one
 * per kind of write, until the writer of {@link #trigger} kills the service right after one of its
 * 2xx. Every acknowledged outcome goes into {@link #expected}.
 */
final class KilledLife {

  static final String JOB_NETWORK = "jobs";
  static final String NETWORK =
      "{ \"name\": \"%s\", \"inputs\": 4, \"layers\": [ { \"units\": 3, \"activation\":"
          + " \"softmax\" } ], \"loss\": \"cross_entropy\", \"seed\": 1 }";
  static final String CSV = "a,b,y\n1.0,2.0,x\n3.0,4.0,z\n";
  static final String JOB =
      "{ \"data\": { \"features\": [[1, 2, 3, 4], [4, 3, 2, 1]], \"targets\": [0, 2] },"
          + " \"epochs\": 1, \"seed\": 1 }";

  /** The kinds of acknowledged write. */
  enum Kind {
    CREATE_NETWORK,
    UPLOAD_DATASET,
    SUBMIT_JOB,
    IMPORT_MODEL,
    DELETE
  }

  final Map<String, Boolean> expected;
  final ServiceProcess service;
  final int life;
  final Kind trigger;
  final Map<Kind, AtomicInteger> acks = new EnumMap<>(Kind.class);
  final Map<Kind, AtomicLong> lastAck = new EnumMap<>(Kind.class);
  final AtomicReference<String> failure = new AtomicReference<>();
  volatile boolean dead;
  volatile long killedAt;

  KilledLife(Map<String, Boolean> expected, ServiceProcess service, int life, Kind trigger) {
    this.expected = expected;
    this.service = service;
    this.life = life;
    this.trigger = trigger;
    for (Kind kind : Kind.values()) {
      acks.put(kind, new AtomicInteger());
      lastAck.put(kind, new AtomicLong());
    }
  }

  void live() throws InterruptedException {
    ExecutorService writers = Executors.newFixedThreadPool(Kind.values().length);
    for (Kind kind : Kind.values()) {
      writers.execute(() -> writeUntilKilled(kind));
    }
    writers.shutdown();
    boolean done = writers.awaitTermination(2, TimeUnit.MINUTES);
    if (!done) {
      kill();
      writers.shutdownNow();
    }
    assertThat(failure.get()).as("a write failed in life %d", life).isNull();
    assertThat(done).as("life %d ended", life).isTrue();
  }

  private void writeUntilKilled(Kind kind) {
    HttpTestClient http = service.http();
    for (int k = 0; !dead; k++) {
      String name = kind.name().substring(0, 1).toLowerCase() + life + "-" + k;
      try {
        if (!write(http, kind, name)) {
          continue;
        }
      } catch (UncheckedIOException e) {
        if (!dead) {
          failure.compareAndSet(null, kind + " " + name + ": " + e);
        }
        return;
      } catch (AssertionError | RuntimeException e) {
        if (!dead) {
          failure.compareAndSet(null, kind + " " + name + ": " + e.getMessage());
          kill();
        }
        return;
      }
      lastAck.get(kind).set(System.nanoTime());
      int count = acks.get(kind).incrementAndGet();
      if (kind == trigger && count >= 2 && everyKindAcknowledged()) {
        kill();
        return;
      }
    }
  }

  private boolean everyKindAcknowledged() {
    return acks.values().stream().allMatch(a -> a.get() > 0);
  }

  private synchronized void kill() {
    if (!dead) {
      dead = true;
      killedAt = System.nanoTime();
      service.kill();
    }
  }

  /** One write of {@code kind}; true once acknowledged (and noted in {@link #expected}). */
  private boolean write(HttpTestClient http, Kind kind, String name) {
    switch (kind) {
      case CREATE_NETWORK -> {
        return created(
            post(http, "/api/v1/networks", NETWORK.formatted(name)),
            201,
            name,
            "/api/v1/networks/" + name);
      }
      case UPLOAD_DATASET -> {
        int status =
            http.send("POST", "/api/v1/datasets?name=" + name + "&target=y", "text/csv", CSV)
                .statusCode();
        return created(status, 201, name, "/api/v1/datasets/" + name);
      }
      case SUBMIT_JOB -> {
        HttpResponse<String> submitted =
            http.send(
                "POST",
                "/api/v1/networks/" + JOB_NETWORK + "/training-jobs",
                "application/json",
                JOB);
        return created(
            submitted.statusCode(),
            202,
            name,
            submitted.headers().firstValue("Location").orElse(null));
      }
      case IMPORT_MODEL -> {
        String document = TestModels.document(name, 4, new int[] {3}, "relu", life, null, null);
        return created(
            post(http, "/api/v1/networks/import", document),
            201,
            name,
            "/api/v1/networks/" + name + "/versions/1");
      }
      case DELETE -> {
        return delete(http, name);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private boolean created(int status, int expectedStatus, String name, String path) {
    assertThat(status).as(name).isEqualTo(expectedStatus);
    assertThat(path).as(name).isNotNull();
    expected.put(path, true);
    return true;
  }

  /** Creates a network or a data set (by turns), then deletes it; true once the delete is. */
  private boolean delete(HttpTestClient http, String name) {
    boolean network = acks.get(Kind.DELETE).get() % 2 == 0;
    String path = network ? "/api/v1/networks/" + name : "/api/v1/datasets/" + name;
    int status =
        network
            ? post(http, "/api/v1/networks", NETWORK.formatted(name))
            : http.send("POST", "/api/v1/datasets?name=" + name + "&target=y", "text/csv", CSV)
                .statusCode();
    created(status, 201, name, path);
    expected.remove(path); // in flight: either outcome is right until it is acknowledged
    int deleted = http.send("DELETE", path, null, "").statusCode();
    assertThat(deleted).as("delete " + path).isEqualTo(204);
    expected.put(path, false);
    return true;
  }

  static int post(HttpTestClient http, String path, String body) {
    return http.send("POST", path, "application/json", body).statusCode();
  }
}
