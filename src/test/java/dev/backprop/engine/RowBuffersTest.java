package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RowBuffersTest {

  @Test
  void aTakenBufferIsANativeOrderDirectViewOfExactlyTheFloatsAskedFor() {
    RowBuffers.Taken taken = new RowBuffers(1 << 20).take(1_000);
    assertThat(taken.floats().capacity()).isEqualTo(1_000);
    assertThat(taken.floats().isDirect()).isTrue();
    assertThat(taken.floats().order()).isEqualTo(ByteOrder.nativeOrder());
    assertThat(taken.memory().capacity()).isEqualTo(4_000);
  }

  @Test
  void aBufferGivenBackIsTakenAgainByTheNextRunItFits() {
    RowBuffers buffers = new RowBuffers(1 << 20);
    RowBuffers.Taken first = buffers.take(1_000);
    buffers.giveBack(first);
    assertThat(buffers.idleBytes()).isEqualTo(4_000);

    RowBuffers.Taken smaller = buffers.take(600);
    assertThat(smaller.memory()).isSameAs(first.memory());
    assertThat(smaller.floats().capacity()).isEqualTo(600);
    assertThat(buffers.idleBytes()).isZero(); // taken: a concurrent run gets a new one
    assertThat(buffers.take(600).memory()).isNotSameAs(first.memory());

    buffers.giveBack(smaller);
    assertThat(buffers.take(1_001).memory()).isNotSameAs(first.memory()); // too small
    assertThat(buffers.idleBytes()).isEqualTo(4_000);
  }

  @Test
  void keepsTheLargerBufferAndNoneOverItsLimit() {
    RowBuffers buffers = new RowBuffers(8_000);
    RowBuffers.Taken small = buffers.take(100);
    RowBuffers.Taken large = buffers.take(2_000);
    buffers.giveBack(large);
    buffers.giveBack(small);
    assertThat(buffers.idleBytes()).isEqualTo(8_000);
    buffers.giveBack(new RowBuffers.Taken(ByteBuffer.allocateDirect(8_004), null));
    assertThat(buffers.idleBytes()).isEqualTo(8_000);
  }

  @Test
  void aLowerLimitDropsTheIdleBufferAndZeroKeepsNone() {
    RowBuffers buffers = new RowBuffers(8_000);
    buffers.giveBack(buffers.take(1_000));
    buffers.limit(4_000);
    assertThat(buffers.idleBytes()).isEqualTo(4_000); // within the new limit: kept
    buffers.limit(3_999);
    assertThat(buffers.idleBytes()).isZero();
    buffers.limit(0);
    buffers.giveBack(buffers.take(1));
    assertThat(buffers.idleBytes()).isZero();
    assertThatThrownBy(() -> buffers.limit(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
