package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SpinBarrier}'s spin adapts to how long the other parties took to arrive: it halves after
 * waits the longest spin would not have covered, and doubles after short ones, also when the
 * waiting thread parked and woke up late. The time is a clock the test sets, read by the waiting
 * thread.
 */
class SpinBarrierTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger waiterReads = new AtomicInteger();
  private volatile Thread waiter;
  private final SpinBarrier barrier =
      new SpinBarrier(
          2,
          () -> {
            long value = now.get(); // read before it is counted, so no later value reaches it
            if (Thread.currentThread() == waiter) {
              waiterReads.incrementAndGet();
            }
            return value;
          });

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs
  void longWaitsShrinkTheSpinAndShortOnesGrowItBackThoughTheWaiterWokeLate()
      throws InterruptedException {
    for (int i = 0; i < 8; i++) {
      waitParked(1_000_000); // the other party came 1 ms after the spin ran out
    }
    assertThat(barrier.spinNanos(1)).isEqualTo(SpinBarrier.MIN_SPIN_NANOS);

    for (int i = 0; i < 6; i++) {
      waitParked(0); // the other party came as the spin ran out; the waiter resumed 5 ms later
    }
    assertThat(barrier.spinNanos(1)).isEqualTo(SpinBarrier.SPIN_NANOS);
  }

  /**
   * Party 1 begins to wait at clock 0 and parks when the clock reaches its spin; party 0 (this
   * thread) arrives {@code late} nanoseconds after that; the clock then jumps 5 ms ahead, as a late
   * wake-up would find it.
   */
  private void waitParked(long late) throws InterruptedException {
    long spin = barrier.spinNanos(1);
    now.set(0);
    waiterReads.set(0);
    Thread thread = new Thread(() -> barrier.await(1));
    thread.setDaemon(true);
    waiter = thread;
    thread.start();
    while (waiterReads.get() == 0) { // until it has read the clock at the start of its wait
      Thread.onSpinWait();
    }
    now.set(spin);
    while (thread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    now.set(spin + late);
    barrier.arrive();
    now.set(spin + late + 5_000_000);
    thread.join();
  }
}
