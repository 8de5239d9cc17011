package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SpinBarrier}: a waiting thread spins, then yields and keeps checking until {@link
 * SpinBarrier#YIELD_NANOS}, then parks; its spin halves after waits the longest spin would not have
 * covered (counted up to the release, not to the waiter's late return from a yield or a park) and
 * doubles after short ones. The time is a clock the test sets, read by the waiting thread.
 */
class SpinBarrierTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger waiterReads = new AtomicInteger();
  private volatile Thread waiter;
  private volatile boolean lateReturn; // the waiter's next read waits for the release, then is late
  private volatile boolean released;
  private final SpinBarrier barrier =
      new SpinBarrier(
          2,
          () -> {
            if (Thread.currentThread() == waiter && lateReturn) {
              while (!released) {
                Thread.onSpinWait();
              }
              return now.get() + 5_000_000;
            }
            long value = now.get(); // read before it is counted, so no later value reaches it
            if (Thread.currentThread() == waiter) {
              waiterReads.incrementAndGet();
            }
            return value;
          });

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs
  void longWaitsShrinkTheSpinAndShortOnesGrowItBack() throws InterruptedException {
    for (int i = 0; i < 8; i++) {
      waitParked(1_000_000); // the other party came 1 ms after the waiter parked
    }
    assertThat(barrier.spinNanos(1)).isEqualTo(SpinBarrier.MIN_SPIN_NANOS);

    for (int i = 0; i < 6; i++) {
      waitYielding(); // the other party came as the spin ran out, while the waiter yielded
    }
    assertThat(barrier.spinNanos(1)).isEqualTo(SpinBarrier.SPIN_NANOS);
  }

  /**
   * Party 1 begins to wait at clock 0 and parks when the clock reaches the end of the yielding;
   * party 0 (this thread) arrives {@code late} nanoseconds after that; the clock then jumps 5 ms
   * ahead, as a late wake-up would find it.
   */
  private void waitParked(long late) throws InterruptedException {
    Thread thread = startWaiter();
    now.set(SpinBarrier.YIELD_NANOS);
    while (thread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    now.set(SpinBarrier.YIELD_NANOS + late);
    barrier.arrive();
    now.set(SpinBarrier.YIELD_NANOS + late + 5_000_000);
    thread.join();
  }

  /**
   * Party 1 begins to wait at clock 0; at its spin's end it yields and reads the clock again after
   * every yield, without parking; party 0 arrives then, and the waiter's next read of the clock
   * finds it 5 ms later, as a yield that gave the core away for that long would.
   */
  private void waitYielding() throws InterruptedException {
    long spin = barrier.spinNanos(1);
    Thread thread = startWaiter();
    now.set(spin);
    int reads = waiterReads.get();
    while (waiterReads.get() < reads + 100) { // still checking, past its spin
      Thread.onSpinWait();
    }
    assertThat(thread.getState()).isNotEqualTo(Thread.State.WAITING);
    lateReturn = true;
    barrier.arrive();
    released = true;
    thread.join();
  }

  /** A thread waiting as party 1, once it has read the clock at the start of its wait (0). */
  private Thread startWaiter() {
    lateReturn = false;
    released = false;
    now.set(0);
    waiterReads.set(0);
    Thread thread = new Thread(() -> barrier.await(1));
    thread.setDaemon(true);
    waiter = thread;
    thread.start();
    while (waiterReads.get() == 0) {
      Thread.onSpinWait();
    }
    return thread;
  }
}
