package dev.backprop.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Hands Tomcat the response's header names and values as bytes. Tomcat writes a header set as a
 * String (as every {@code setHeader} sets it) through a new {@code CharsetEncoder} per name and per
 * value, when the response is committed: an infer answer has seven such headers, Spring Security's
 * six among them. Here, once the application is done and before the commit, each name and value
 * that is printable ASCII is copied into the bytes its header slot already holds (Tomcat reuses
 * them from request to request): the bytes Tomcat would write; anything else is left to Tomcat.
 * (What Tomcat adds itself as it commits, {@code Content-Type}, {@code Content-Length} and {@code
 * Date}, it still encodes.)
 *
 * <p>An engine valve, so it runs after the error pages; a response committed before it (a flushed
 * or streamed one) was already written by Tomcat, and an async one is left as it is. Installed by
 * {@link HttpConnectionConfiguration}.
 */
final class AsciiHeadersValve extends ValveBase {

  AsciiHeadersValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    org.apache.coyote.Response coyote = response.getCoyoteResponse();
    if (coyote.isCommitted() || request.isAsync()) {
      return;
    }
    MimeHeaders headers = coyote.getMimeHeaders();
    for (int i = 0, n = headers.size(); i < n; i++) {
      toBytes(headers.getName(i));
      toBytes(headers.getValue(i));
    }
  }

  /**
   * A name or value set as a String, as bytes when it is printable ASCII (or TAB): the bytes Tomcat
   * would write for it. Any other String is left for Tomcat to encode (and to replace its control
   * characters) as it always does.
   */
  static void toBytes(MessageBytes header) {
    if (header.getType() != MessageBytes.T_STR) {
      return;
    }
    String value = header.getString();
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c > '~') {
        return;
      }
    }
    ByteChunk chunk = header.getByteChunk();
    // The slot's own buffer, reused when it is large enough (as Tomcat's setLong reuses it).
    chunk.allocate(Math.max(length, 16), -1);
    byte[] bytes = chunk.getBuffer();
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) value.charAt(i);
    }
    header.setBytes(bytes, 0, length);
  }
}
