package dev.backprop;

import dev.backprop.engine.BlasCore;
import dev.backprop.engine.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Loads ND4J's natives in the background from the moment this bean is created, early in the
 * context's start, so that the load (0.6 to 2 s on 2 CPUs, more when JavaCPP unpacks its cache)
 * runs beside the rest of the start instead of after it. Serving does not wait for it: one-row
 * predictions run in Java whatever the model, and larger batches run in Java too until the load is
 * done (see {@code KernelChoice.forPrediction}). Training does wait: a job joins the load ({@link
 * #awaitLoaded()}) before its first epoch.
 *
 * <p>The {@code engine} health indicator tells the load's state ({@code loading}, {@code ready}
 * with how long it took, or {@code failed} with the error, which is DOWN); it is not part of the
 * readiness group, since a replica serves while ND4J loads.
 */
@Component("engine")
public class EngineLifecycle implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(EngineLifecycle.class);

  private final CompletableFuture<Long> loaded = new CompletableFuture<>();
  private volatile Throwable failure;

  @Autowired
  EngineLifecycle() {
    this(EngineLifecycle::loadNd4j);
  }

  /** Starts {@code loader} (which returns the milliseconds it took) on a thread of its own. */
  EngineLifecycle(LongSupplier loader) {
    Thread thread = new Thread(() -> load(loader), "engine-load");
    thread.setDaemon(true); // a failed start must not be held up by the load
    thread.start();
  }

  private static long loadNd4j() {
    long millis = Engine.initialize();
    log.info(
        "ND4J initialised in {} ms in the background (backend {}, {} BLAS thread(s), OpenBLAS"
            + " kernels {}: {})",
        millis,
        Nd4j.getBackend().getClass().getSimpleName(),
        Engine.blasThreads(),
        BlasCore.loaded(),
        BlasCore.prepare());
    return millis;
  }

  private void load(LongSupplier loader) {
    try {
      loaded.complete(loader.getAsLong());
    } catch (Throwable e) { // natives that do not load throw Errors (UnsatisfiedLinkError)
      log.error("ND4J could not be initialised: training cannot run on this replica", e);
      failure = e;
      loaded.completeExceptionally(e);
    }
  }

  /**
   * Waits until ND4J has loaded (at once once it has).
   *
   * @throws IllegalStateException when it could not be loaded
   */
  public void awaitLoaded() {
    try {
      loaded.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("ND4J could not be initialised: " + e.getCause(), e);
    }
  }

  @Override
  public Health health() {
    if (!loaded.isDone()) {
      return Health.up().withDetail("nd4j", "loading").build();
    }
    if (loaded.isCompletedExceptionally()) {
      return Health.down()
          .withDetail("nd4j", "failed")
          .withDetail("error", String.valueOf(failure))
          .build();
    }
    Health.Builder up =
        Health.up().withDetail("nd4j", "ready").withDetail("initialisationMillis", loaded.join());
    String kernels = BlasCore.known(); // asked by the real load only
    if (kernels != null) {
      up.withDetail("blasKernels", kernels);
    }
    return up.build();
  }
}
