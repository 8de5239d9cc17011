package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.Engine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * ND4J loads in the background: while it is still loading (here held back by a latch) the replica
 * is ready and serves predictions, the {@code engine} indicator says {@code loading}, and a
 * training job submitted meanwhile waits for the load and then completes.
 */
@IntegrationTest
class EngineLoadingTest {

  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @TestBean(name = "engine")
  EngineLifecycle engine;

  @LocalServerPort int port;
  @Autowired EngineLifecycle lifecycle;

  /** The engine bean of this context: its load waits for the latch, then loads ND4J. */
  static EngineLifecycle engine() {
    return new EngineLifecycle(
        () -> {
          try {
            if (!RELEASE.await(2, TimeUnit.MINUTES)) {
              throw new IllegalStateException("the test never released the load");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return Engine.initialize();
        });
  }

  @Test
  void readyAndServingWhileNd4jLoadsAndTrainingWaitsForIt() throws Exception {
    HttpTestClient http = new HttpTestClient(port);
    assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
    assertThat(lifecycle.health().getStatus()).isEqualTo(Status.UP);
    assertThat(lifecycle.health().getDetails()).containsEntry("nd4j", "loading");

    Iris.upload(http, "iris");
    Iris.defineNetwork(http, "loading-iris");
    String job =
        Iris.submit(
            http,
            "loading-iris",
            """
            { "dataset": "iris", "epochs": 3, "batchSize": 16, "learningRate": 0.05, "seed": 1 }
            """);
    Thread.sleep(1500); // ample for 3 epochs of iris, had the job not waited
    String status = Iris.json(http.get(job).body()).get("status").asString();
    assertThat(status).as("a job while ND4J loads").isIn("QUEUED", "RUNNING");

    RELEASE.countDown();
    var finished = Iris.awaitFinished(http, job, Duration.ofMinutes(1));
    assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
    assertThat(lifecycle.health().getDetails()).containsEntry("nd4j", "ready");
    assertThat(Iris.predictAll(http, "loading-iris", "latest").value()).isGreaterThan(0.3);
  }
}
