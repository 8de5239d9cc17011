package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static BoundedBody body(int bytes, long max) {
    return new BoundedBody(new ByteArrayInputStream(new byte[bytes]), max, TooLarge::new);
  }

  @Test
  void aBodyOfExactlyTheLimitIsReadWhole() throws IOException {
    BoundedBody body = body(10, 10);
    assertThat(body.stream().readAllBytes()).hasSize(10);
    assertThat(body.stream().read()).isEqualTo(-1);
    assertThat(body.exceeded()).isFalse();
  }

  @Test
  void oneByteOverTheLimitThrowsOnceTheLimitIsReached() throws IOException {
    BoundedBody body = body(11, 10);
    InputStream in = body.stream();
    byte[] buffer = new byte[64];
    // The first read hands on the bytes up to the limit, never the one beyond it.
    assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(10);
    assertThat(body.exceeded()).isFalse();
    assertThatThrownBy(() -> in.read(buffer, 0, buffer.length)).isInstanceOf(TooLarge.class);
    assertThat(body.exceeded()).isTrue();
  }

  @Test
  void singleByteReadsStopAtTheLimitToo() throws IOException {
    BoundedBody body = body(100, 3);
    InputStream in = body.stream();
    for (int i = 0; i < 3; i++) {
      assertThat(in.read()).isZero();
    }
    assertThatThrownBy(in::read).isInstanceOf(TooLarge.class);
    assertThat(body.exceeded()).isTrue();
  }

  @Test
  void aShortBodyEndsNormally() throws IOException {
    BoundedBody body = body(4, 10);
    assertThat(body.stream().readAllBytes()).hasSize(4);
    assertThat(body.exceeded()).isFalse();
  }
}
