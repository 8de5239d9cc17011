package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link EngineLifecycle}: the load runs on a thread of its own; its state is the health detail (UP
 * while loading, DOWN once it failed) and {@link EngineLifecycle#awaitLoaded()} joins it.
 */
class EngineLifecycleTest {

  @Test
  void loadsInTheBackgroundAndAwaitJoinsTheLoad() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EngineLifecycle engine =
        new EngineLifecycle(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return 42;
            });
    assertThat(engine.health().getStatus()).isEqualTo(Status.UP);
    assertThat(engine.health().getDetails()).containsEntry("nd4j", "loading");

    Thread joiner = new Thread(engine::awaitLoaded);
    joiner.start();
    joiner.join(300);
    assertThat(joiner.isAlive()).as("awaitLoaded returns before the load is done").isTrue();

    release.countDown();
    joiner.join(10_000);
    assertThat(joiner.isAlive()).isFalse();
    assertThat(engine.health().getDetails())
        .containsEntry("nd4j", "ready")
        .containsEntry("initialisationMillis", 42L);
  }

  @Test
  void aFailedLoadIsDownAndFailsWhoeverWaits() {
    EngineLifecycle engine =
        new EngineLifecycle(
            () -> {
              throw new UnsatisfiedLinkError("no jniNd4jCpu");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> engine.health().getStatus().equals(Status.DOWN));
    assertThat(engine.health().getDetails()).containsEntry("nd4j", "failed");
    assertThat(engine.health().getDetails().get("error").toString()).contains("no jniNd4jCpu");
    assertThatThrownBy(engine::awaitLoaded)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no jniNd4jCpu");
  }
}
