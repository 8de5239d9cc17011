package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.Predictor;
import dev.backprop.network.TrainedVersion;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The dynamic batcher's feedforward held in place, so that requests queue behind a running one and
 * then run as one batch, for tests outside this package. Closing it lets everything run and puts
 * the feedforward back.
 */
public final class HeldBatcher implements AutoCloseable {

  private final DynamicBatcher batcher;
  private final DynamicBatcher.Feedforward previous;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  private HeldBatcher(DynamicBatcher batcher) {
    this.batcher = batcher;
    this.previous =
        batcher.feedforward(
            (model, n, input, output) -> {
              running.countDown();
              try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Predictor.predictInto(model, n, input, output);
            });
  }

  /** From now on every feedforward waits for {@link #release()}. */
  public static HeldBatcher hold(DynamicBatcher batcher) {
    return new HeldBatcher(batcher);
  }

  /** Waits until a feedforward is running (and held). */
  public void awaitRunning() throws InterruptedException {
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Requests waiting on a version. */
  public int queued(TrainedVersion trained) {
    return batcher.queued(trained);
  }

  public void release() {
    release.countDown();
  }

  @Override
  public void close() {
    release();
    batcher.feedforward(previous);
  }
}
