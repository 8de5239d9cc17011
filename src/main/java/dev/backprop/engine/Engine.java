package dev.backprop.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time engine set-up: loads ND4J's native backend, makes float32 the default and restricts ND4J
 * (its OpenMP pool and OpenBLAS) to one thread, which is faster and steadier than two OpenMP
 * threads on small shared machines, after choosing OpenBLAS's kernels ({@link BlasCore}). Call once
 * at startup; the trainer and predictor call it too.
 */
public final class Engine {
  private static volatile boolean initialized;
  private static long initMillis;

  private Engine() {}

  /** Idempotent; returns the milliseconds the first call took. */
  public static long initialize() {
    if (initialized) {
      return initMillis;
    }
    synchronized (Engine.class) {
      if (!initialized) {
        long start = System.nanoTime();
        BlasCore.prepare(); // before OpenBLAS loads, or it has no effect
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        // Warm the native path once.
        Nd4j.gemm(
            Nd4j.ones(DataType.FLOAT, 2, 2),
            Nd4j.ones(DataType.FLOAT, 2, 2),
            Nd4j.zeros(DataType.FLOAT, 2, 2),
            false,
            true,
            1.0,
            0.0);
        initMillis = (System.nanoTime() - start) / 1_000_000;
        initialized = true;
      }
    }
    return initMillis;
  }

  /**
   * Whether {@link #initialize()} has completed: until then nothing that would wait for ND4J's
   * natives to load should be chosen where another way exists (a prediction runs in Java).
   */
  public static boolean isInitialized() {
    return initialized;
  }

  /** Threads ND4J's BLAS uses (1 after {@link #initialize()}). */
  public static int blasThreads() {
    return Nd4j.factory().blas().getMaxThreads();
  }

  /**
   * Most bytes of off-heap training rows a finished run may leave for the next run to reuse (one
   * buffer per process, the largest given back; {@link RowBuffers}); 0 keeps none. 128 MiB unless
   * set. A buffer idle now beyond the new limit is dropped.
   */
  public static void keepIdleTrainingRows(long maxBytes) {
    RowBuffers.SHARED.limit(maxBytes);
  }
}
