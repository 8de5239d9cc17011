package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.storage.KilledLife.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
          assertThat(
                  KilledLife.post(
                      service.http(),
                      "/api/v1/networks",
                      KilledLife.NETWORK.formatted(KilledLife.JOB_NETWORK)))
              .isEqualTo(201);
          expected.put("/api/v1/networks/" + KilledLife.JOB_NETWORK, true);
        }
        KilledLife run =
            new KilledLife(expected, service, life, Kind.values()[life % Kind.values().length]);
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
}
