package dev.backprop.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 NIO connector with a deadline for a request's line and headers. Tomcat's own
 * {@code connectionTimeout} is an idle timeout, restarted by every byte that arrives, so a client
 * that sends one header byte a second (slowloris) holds its connection forever. Here a request
 * whose headers are not complete {@link #setHeaderTimeout header-timeout} after its first byte
 * arrived is dropped the next time it sends anything; a client that sends nothing at all meets
 * {@code connectionTimeout}. Installed by {@link HttpConnectionConfiguration}.
 */
public class HeaderTimeoutProtocol extends Http11NioProtocol {

  private volatile long headerTimeoutNanos = TimeUnit.SECONDS.toNanos(5);

  /** Milliseconds a request may take to send its line and headers, from its first byte. */
  public void setHeaderTimeout(long millis) {
    headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  public long getHeaderTimeout() {
    return TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos);
  }

  @Override
  protected Processor createProcessor() {
    return new DeadlineProcessor(this);
  }

  /** Closes the connection when a call ends with the headers still incomplete past the deadline. */
  private static final class DeadlineProcessor extends Http11Processor {

    private final HeaderTimeoutProtocol protocol;

    DeadlineProcessor(HeaderTimeoutProtocol protocol) {
      super(protocol, protocol.getAdapter());
      this.protocol = protocol;
    }

    @Override
    public SocketState service(SocketWrapperBase<?> socketWrapper) throws IOException {
      SocketState state = super.service(socketWrapper);
      // A call that leaves a request half read (line or headers incomplete) ends LONG or OPEN with
      // the request's start marked: Tomcat marks it at the request's first byte and resets it to
      // -1 when the request is recycled after its answer. Async requests (event streams) are past
      // their headers.
      long started = request.getStartTimeNanos();
      if ((state == SocketState.LONG || state == SocketState.OPEN)
          && started != -1
          && !isAsync()
          && System.nanoTime() - started > protocol.headerTimeoutNanos) {
        return SocketState.CLOSED;
      }
      return state;
    }
  }
}
