package dev.backprop.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A reusable barrier for the fixed threads of a {@link BatchSplit}, each with its own party number.
 * A thread that arrives early spins for a while, which covers the usual wait within a step (the
 * slices end within microseconds of each other) without a park and unpark on the way; then it
 * yields its core to any other runnable thread, checking after each yield, until {@link
 * #YIELD_NANOS} have passed; then it parks. Yielding keeps a virtual CPU from halting as a park
 * lets it (waking a halted one is an interrupt through the hypervisor) and spares the releasing
 * thread the unpark, while it still gives the core to whatever else must run. Measured on a 2-core
 * AMD EPYC VM (784-256-128-10, batch 128, two-thread jobs): parking where it now yields, the job's
 * calling thread spent 17% of its time parked at the barriers and 3% unparking the other; with the
 * yield, jobs ran 1.05x and 1.01x as fast on a quiet machine and 1.02x beside a busy process on
 * OpenBLAS's SkylakeX kernels, and 1.00x on its Haswell kernels.
 *
 * <p>How long it spins adapts per party, between {@link #MIN_SPIN_NANOS} and {@link #SPIN_NANOS}:
 * after a wait short enough for the longest spin to have covered it, the next spin doubles; after a
 * longer one (the other thread lost its core, or the caller did other work in between) it halves.
 * On a quiet machine the waits are short and end in the spin; on a 2-core machine shared with other
 * work, where a spinning thread would burn its share of the cores waiting for a thread that is not
 * running (measured: a forced split of 64-64-4 batch 32 at load 10 took 153 CPU µs per step
 * spinning 50 µs each wait, 60 without spinning, 47 on one thread), the spins shrink and the
 * threads yield at once (the yield's cost at such a load was not measured; splits that small are
 * not made, see {@link ThreadChoice}).
 *
 * <p>Everything a thread wrote before it arrived is visible to every thread after the barrier (the
 * arrivals and the release are volatile writes and reads). An interrupt does not cut a wait short:
 * it is kept for the thread, whose work stops, if at all, through its own cancellation checks.
 */
final class SpinBarrier {
  /** The longest a waiting thread spins before it yields. */
  static final long SPIN_NANOS = 50_000;

  /**
   * How long from the start of a wait a thread past its spin yields its core (Thread.yield) before
   * it parks.
   */
  static final long YIELD_NANOS = 1_000_000;

  /** The shortest spin, after long waits. */
  static final long MIN_SPIN_NANOS = 1_000;

  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicReferenceArray<Thread> parked;
  private final long[] spinNanos; // per party, each touched by its own thread only
  private final LongSupplier clock; // System.nanoTime, or a test's
  private volatile int generation;
  private volatile long releasedAt; // the clock at the last release, written before it

  SpinBarrier(int parties) {
    this(parties, System::nanoTime);
  }

  /** A barrier that reads the time from {@code clock} (nanoseconds), for tests. */
  SpinBarrier(int parties, LongSupplier clock) {
    this.clock = clock;
    this.parties = parties;
    this.parked = new AtomicReferenceArray<>(parties);
    this.spinNanos = new long[parties];
    java.util.Arrays.fill(spinNanos, SPIN_NANOS);
  }

  /** Waits until all parties have arrived. */
  void await(int party) {
    await(party, null);
  }

  /**
   * Waits until all parties have arrived; the last to arrive runs {@code action} first, alone (it
   * must not throw), before any party goes on.
   */
  void await(int party, Runnable action) {
    int current = generation; // read before arriving, or the release could be missed
    if (!arrive(current, action)) {
      waitForRelease(party, current);
    }
  }

  /**
   * Arrives without waiting for the others: what this party did before is visible to all after the
   * release. It must not arrive at this barrier again before that release, so a party that does not
   * wait here waits at another barrier in between.
   */
  void arrive() {
    arrive(generation, null);
  }

  /** Counts an arrival; the last one runs the action and releases the others (true). */
  private boolean arrive(int current, Runnable action) {
    if (arrived.incrementAndGet() < parties) {
      return false;
    }
    if (action != null) {
      action.run();
    }
    arrived.set(0);
    releasedAt = clock.getAsLong();
    generation = current + 1;
    for (int p = 0; p < parties; p++) {
      Thread waiting = parked.getAndSet(p, null);
      if (waiting != null) {
        LockSupport.unpark(waiting);
      }
    }
    return true;
  }

  private void waitForRelease(int party, int current) {
    long spin = spinNanos[party];
    long begin = clock.getAsLong();
    long now = begin;
    while (generation == current) {
      if (now - begin >= YIELD_NANOS) {
        park(party, current);
        break;
      }
      if (now - begin >= spin) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
      now = clock.getAsLong();
    }
    // How long the others took to arrive, up to the release, without this thread's own wake-up
    // after a park, which can be long on a virtual machine (an interrupt to a halted vCPU). With
    // the wake-up counted, a spin at its shortest could not grow back: every wait parked, and every
    // late wake-up halved the spin again.
    long waited = releasedAt - begin;
    spinNanos[party] =
        waited <= SPIN_NANOS ? Math.min(SPIN_NANOS, 2 * spin) : Math.max(MIN_SPIN_NANOS, spin / 2);
  }

  /** How long party spins at its next wait before it parks (for tests). */
  long spinNanos(int party) {
    return spinNanos[party];
  }

  /** Parks until the release; registered before the last check, so no release is missed. */
  private void park(int party, int current) {
    boolean interrupted = false;
    Thread self = Thread.currentThread();
    while (generation == current) {
      parked.set(party, self);
      if (generation != current) {
        break;
      }
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true; // else park would return at once from now on
      }
    }
    parked.set(party, null);
    if (interrupted) {
      self.interrupt();
    }
  }
}
