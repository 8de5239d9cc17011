package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;
import org.junit.jupiter.api.Test;

/** Header names and values set as Strings become the bytes Tomcat would have encoded them to. */
class AsciiHeadersValveTest {

  @Test
  void printableAsciiBecomesItsBytes() {
    MessageBytes header = MessageBytes.newInstance();
    header.setString("no-cache, no-store, max-age=0, must-revalidate");
    AsciiHeadersValve.toBytes(header);
    assertThat(header.getType()).isEqualTo(MessageBytes.T_BYTES);
    assertThat(bytes(header))
        .isEqualTo(
            "no-cache, no-store, max-age=0, must-revalidate".getBytes(StandardCharsets.US_ASCII));
    assertThat(header.toString()).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
  }

  @Test
  void theSlotsBufferIsReusedAndALongerValueGetsAnother() {
    MessageBytes header = MessageBytes.newInstance();
    header.setString("DENY");
    AsciiHeadersValve.toBytes(header);
    byte[] first = header.getByteChunk().getBuffer();
    header.recycle();
    header.setString("0");
    AsciiHeadersValve.toBytes(header);
    assertThat(header.getByteChunk().getBuffer()).isSameAs(first);
    assertThat(bytes(header)).isEqualTo(new byte[] {'0'});
    header.recycle();
    header.setString("x".repeat(100));
    AsciiHeadersValve.toBytes(header);
    assertThat(bytes(header)).hasSize(100);
  }

  @Test
  void anythingElseIsLeftToTomcat() {
    for (String value : new String[] {"caf\u00e9", "a\u0001b", "line\nbreak", "\u20ac"}) {
      MessageBytes header = MessageBytes.newInstance();
      header.setString(value);
      AsciiHeadersValve.toBytes(header);
      assertThat(header.getType()).as(value).isEqualTo(MessageBytes.T_STR);
      assertThat(header.getString()).isEqualTo(value);
    }
    MessageBytes tab = MessageBytes.newInstance();
    tab.setString("a\tb");
    AsciiHeadersValve.toBytes(tab);
    assertThat(bytes(tab)).isEqualTo(new byte[] {'a', '\t', 'b'});
  }

  @Test
  void bytesAndNumbersAreLeftAlone() {
    MessageBytes length = MessageBytes.newInstance();
    length.setLong(188);
    AsciiHeadersValve.toBytes(length);
    assertThat(length.toString()).isEqualTo("188");
  }

  private static byte[] bytes(MessageBytes header) {
    ByteChunk chunk = header.getByteChunk();
    return Arrays.copyOfRange(chunk.getBuffer(), chunk.getStart(), chunk.getEnd());
  }
}
