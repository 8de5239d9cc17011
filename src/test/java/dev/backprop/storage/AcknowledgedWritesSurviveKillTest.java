package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.prediction.TestModels;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded default (H2 file), a 2xx means the write survives {@code kill -9}. The service
 * lives {@value #LIVES} times on one data directory in a JVM of its own. In each life, five writers
 * run at once, one per kind of write (define a network, upload a data set, submit a job, import a
 * model, delete a network or a data set), and the life is killed right after a 2xx of one kind,
 * each kind in turn, by the thread that received it; the others have each had a 2xx moments before.
 * The next life first checks that everything acknowledged so far, in any life, is there (and that
 * what was deleted is not).
 */
class AcknowledgedWritesSurviveKillTest {

  static final int LIVES = 20;
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

  @TempDir Path dir;

  /** Everything acknowledged so far: a path, and whether it must be found (or must be gone). */
  final Map<String, Boolean> expected = new ConcurrentHashMap<>();

  @Test
  void nothingAcknowledgedIsLostToKillNine() throws Exception {
    long began = System.nanoTime();
    Map<Kind, List<Double>> gaps = new EnumMap<>(Kind.class);
    Map<Kind, AtomicInteger> acknowledged = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      gaps.put(kind, new ArrayList<>());
      acknowledged.put(kind, new AtomicInteger());
    }
    int checked = 0;
    for (int life = 0; life <= LIVES; life++) {
      try (ServiceProcess service =
          ServiceProcess.start(
              dir.resolve("data"),
              Path.of("target", "kill-nine", "life-" + life + ".log"),
              "--backprop.training.enabled=false",
              "--backprop.limits.max-queued-jobs=1000000")) {
        checked = verify(service.http(), life);
        if (life == LIVES) {
          break;
        }
        if (life == 0) {
          assertThat(post(service.http(), "/api/v1/networks", NETWORK.formatted(JOB_NETWORK)))
              .isEqualTo(201);
          expected.put("/api/v1/networks/" + JOB_NETWORK, true);
        }
        Life run = new Life(service, life, Kind.values()[life % Kind.values().length]);
        run.live();
        for (Kind kind : Kind.values()) {
          gaps.get(kind).add((run.killedAt - run.lastAck.get(kind).get()) / 1e6);
          acknowledged.get(kind).addAndGet(run.acks.get(kind).get());
        }
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        "kill -9 after acknowledged writes: %d lives in %.0f s, %d acknowledged states checked"
            + " after the last kill, none lost%n",
        LIVES, seconds, checked);
    for (Kind kind : Kind.values()) {
      List<Double> sorted = gaps.get(kind).stream().sorted().toList();
      System.out.printf(
          "  %-14s %4d acknowledged; last 2xx before each kill: median %.1f ms, max %.1f ms%n",
          kind,
          acknowledged.get(kind).get(),
          sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() - 1));
    }
  }

  /** Checks everything acknowledged so far; returns how many states it checked. */
  private int verify(HttpTestClient http, int life) {
    List<String> lost = new ArrayList<>();
    expected.forEach(
        (path, present) -> {
          int status = http.get(path).statusCode();
          if (status != (present ? 200 : 404)) {
            lost.add(path + (present ? " is missing" : " is back") + " (" + status + ")");
          }
        });
    assertThat(lost).as("after kill -9 number %d", life).isEmpty();
    return expected.size();
  }

  private static int post(HttpTestClient http, String path, String body) {
    return http.send("POST", path, "application/json", body).statusCode();
  }

  /** One life: the five writers, until one of them kills the service. */
  private final class Life {
    final ServiceProcess service;
    final int life;
    final Kind trigger;
    final Map<Kind, AtomicInteger> acks = new EnumMap<>(Kind.class);
    final Map<Kind, AtomicLong> lastAck = new EnumMap<>(Kind.class);
    final AtomicReference<String> failure = new AtomicReference<>();
    volatile boolean dead;
    volatile long killedAt;

    Life(ServiceProcess service, int life, Kind trigger) {
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
  }
}
