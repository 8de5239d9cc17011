package dev.backprop.web;

import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.ObjectMapper;

/**
 * Holds request bodies to {@code backprop.limits.max-request-size}: a declared {@code
 * Content-Length} over the limit is refused before a byte is read (one within it is all Tomcat
 * reads), and a streamed (chunked) body is cut off once it passes the limit. Either way the client
 * gets a 413 that names the limit. Data set uploads ({@code /api/v1/datasets}) have their own,
 * larger {@code max-dataset-size}.
 *
 * <p>Runs after the security filters, so that a caller without a key learns that first. Registered
 * by {@link RequestLimitsConfiguration}.
 */
public class RequestSizeLimitFilter extends NamedOncePerRequestFilter {

  /** After Spring Security's filter chain (-100). */
  static final int ORDER = -50;

  static final String LIMIT = "backprop.limits.max-request-size";
  static final String DATASETS = "/api/v1/datasets";
  private static final String TRANSFER_ENCODING = "Transfer-Encoding";

  private final LimitsProperties limits;
  private final ObjectMapper json;

  RequestSizeLimitFilter(LimitsProperties limits, ObjectMapper json) {
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = ErrorResponses.pathWithinApplication(request);
    return path.equals(DATASETS) || path.startsWith(DATASETS + "/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long max = limits.maxRequestSize().toBytes();
    long length = request.getContentLengthLong();
    if (length > max) {
      // The body is not read; Tomcat swallows up to server.tomcat.max-swallow-size of it, then
      // closes the connection.
      ErrorResponses.write(request, response, json, tooLarge(max));
      return;
    }
    if (length >= 0 && request.getHeader(TRANSFER_ENCODING) == null) {
      // A declared length within the limit: Tomcat hands on no more bytes than it declares, so
      // the body needs no bound of its own (nor a wrapper, a bounded stream and its builder per
      // request).
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new Limited(request, max), response);
  }

  static String message(long max) {
    return "The request body is larger than "
        + LIMIT
        + " ("
        + max
        + " bytes); send a smaller body or raise the limit.";
  }

  /**
   * The refusal of a body over the limit: written at once for a declared length, thrown when a
   * streamed body passes the limit (and then answered by {@link ProblemDetailsAdvice}).
   */
  static LimitExceededException tooLarge(long max) {
    return new LimitExceededException(Limit.SIZE, null, message(max));
  }

  /** A request whose body stream stops with a 413 once more than {@code max} bytes were read. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedServletInputStream(super.getInputStream(), max);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  /** The servlet's body stream, read through a {@link BoundedBody}. */
  private static final class LimitedServletInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final InputStream bounded;

    LimitedServletInputStream(ServletInputStream in, long max) {
      this.in = in;
      this.bounded = new BoundedBody(in, max, () -> tooLarge(max)).stream();
    }

    @Override
    public int read() throws IOException {
      return bounded.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return bounded.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
