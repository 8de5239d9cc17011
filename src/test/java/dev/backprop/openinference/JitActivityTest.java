package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The JIT counts as quiet once a whole window passes in which its compile time grew by at most a
 * tenth of the window, and stays quiet; a busy window starts the next one.
 */
class JitActivityTest {

  private final AtomicLong compiled = new AtomicLong();
  private final AtomicLong now = new AtomicLong();
  private final JitActivity jit = new JitActivity(compiled::get, now::get, Duration.ofMillis(200));

  private void advance(long millis, long compiling) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
    compiled.addAndGet(compiling);
  }

  @Test
  void notQuietBeforeAWholeWindowHasPassed() {
    assertThat(jit.quiet()).as("the first check starts the window").isFalse();
    advance(199, 0);
    assertThat(jit.quiet()).isFalse();
  }

  @Test
  void quietAfterAWindowWithAtMostATenthOfItCompiling() {
    advance(1000, 700);
    assertThat(jit.quiet()).as("the first check starts the window").isFalse();
    advance(200, 20);
    assertThat(jit.quiet()).isTrue();
    advance(200, 500);
    assertThat(jit.quiet()).as("stays quiet").isTrue();
  }

  @Test
  void aBusyWindowStartsTheNext() {
    jit.quiet();
    advance(200, 21);
    assertThat(jit.quiet()).isFalse();
    advance(100, 0);
    assertThat(jit.quiet()).as("half a window").isFalse();
    advance(100, 5);
    assertThat(jit.quiet()).isTrue();
  }

  @Test
  void thisJvmReportsItsCompileTime() {
    JitActivity own = JitActivity.ofThisJvm(Duration.ofMillis(50));
    assertThat(own).isNotNull();
    assertThat(own.compileMillis()).isNotNegative();
  }
}
