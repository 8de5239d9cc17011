package dev.backprop.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@code backprop.limits.max-request-size} on JSON request bodies (networks, jobs,
 * predictions, imports): a declared length over it is a 413 before the body is read; a chunked body
 * is cut off, with the same 413, once it passes the limit. Data set uploads have their own, larger
 * limit ({@code max-dataset-size}) and are left to it.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

  private final long maxBytes;

  RequestSizeFilter(@Value("${backprop.limits.max-request-size:16MB}") DataSize maxRequestSize) {
    this.maxBytes = maxRequestSize.toBytes();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || request.getRequestURI().startsWith("/api/v1/datasets")) {
      return true;
    }
    try {
      MediaType media = MediaType.parseMediaType(type);
      return !(MediaType.APPLICATION_JSON.includes(media)
          || (media.getSubtype().endsWith("+json")));
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(response, "the body has " + declared + " bytes");
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Limited(request, maxBytes), response);
  }

  private String message(String what) {
    return "request bodies of at most "
        + maxBytes
        + " bytes are allowed (backprop.limits.max-request-size); "
        + what;
  }

  private void refuse(HttpServletResponse response, String what) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONTENT_TOO_LARGE);
    problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
    problem.setTitle("Limit exceeded");
    problem.setDetail(message(what));
    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader("Connection", "close");
    response
        .getWriter()
        .write(
            "{\"type\":\""
                + problem.getType()
                + "\",\"title\":\""
                + problem.getTitle()
                + "\",\"status\":413,\"detail\":\""
                + problem.getDetail()
                + "\"}");
  }

  /** A body of unknown length, cut off with a 413 problem once it passes the limit. */
  private final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) {
                read += n;
                if (read > max) {
                  throw ApiException.limitExceeded(
                      HttpStatus.CONTENT_TOO_LARGE, null, message("the body is longer"));
                }
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
            };
      }
      return stream;
    }
  }
}
