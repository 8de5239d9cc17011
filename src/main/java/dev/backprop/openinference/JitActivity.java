package dev.backprop.openinference;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the JIT has gone quiet, for the warm-up's last phase: its compiler threads' total time
 * ({@link CompilationMXBean#getTotalCompilationTime}) grew by at most a tenth of a window over a
 * whole window. The warm-up's requests keep the request path hot meanwhile, so C2 compiles it while
 * no client's request thread competes with the compiler for the cores. Windows are consecutive,
 * each measured from the first check after the previous one ended; safe to check from several
 * threads.
 */
final class JitActivity {

  private final LongSupplier compileMillis;
  private final LongSupplier nanos;
  private final long windowNanos;
  private final long toleranceMillis;
  private boolean started;
  private long windowStart;
  private long compiledAtStart;
  private boolean quiet;

  JitActivity(LongSupplier compileMillis, LongSupplier nanos, Duration window) {
    this.compileMillis = compileMillis;
    this.nanos = nanos;
    this.windowNanos = window.toNanos();
    this.toleranceMillis = window.toMillis() / 10;
  }

  /**
   * The running JVM's JIT, or null when it does not report its compile time (then the phase ends at
   * once: there is nothing to wait for).
   */
  static JitActivity ofThisJvm(Duration window) {
    CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
    if (bean == null || !bean.isCompilationTimeMonitoringSupported()) {
      return null;
    }
    return new JitActivity(bean::getTotalCompilationTime, System::nanoTime, window);
  }

  /** True once a whole window has passed with (almost) no compiling; stays true after. */
  synchronized boolean quiet() {
    if (quiet) {
      return true;
    }
    long now = nanos.getAsLong();
    if (!started) {
      started = true;
      windowStart = now;
      compiledAtStart = compileMillis.getAsLong();
      return false;
    }
    if (now - windowStart < windowNanos) {
      return false;
    }
    long compiled = compileMillis.getAsLong();
    quiet = compiled - compiledAtStart <= toleranceMillis;
    windowStart = now;
    compiledAtStart = compiled;
    return quiet;
  }

  /** Compile milliseconds so far, for the log. */
  long compileMillis() {
    return compileMillis.getAsLong();
  }
}
