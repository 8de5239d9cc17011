package dev.backprop.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A request body held to a size limit while it streams in, so that an oversized body is refused
 * without being buffered. Commons IO's {@link BoundedInputStream} hands on at most {@code max}
 * bytes; when the reader asks for more, one byte is read past the limit: if there is one, the body
 * is too large and the caller's exception is thrown, otherwise the body simply ends. A body of
 * exactly {@code max} bytes therefore passes, one of {@code max + 1} does not.
 *
 * <p>Used for the request-size limit of every request ({@link RequestSizeLimitFilter}) and for the
 * larger limit of data set uploads.
 */
public final class BoundedBody {

  private final InputStream body;
  private final Supplier<? extends RuntimeException> tooLarge;
  private final BoundedInputStream stream;
  private boolean exceeded;

  /**
   * @param body the raw body
   * @param max the most bytes the body may hold
   * @param tooLarge the exception to throw once the body holds more
   */
  public BoundedBody(InputStream body, long max, Supplier<? extends RuntimeException> tooLarge) {
    this.body = body;
    this.tooLarge = tooLarge;
    try {
      this.stream =
          BoundedInputStream.builder()
              .setInputStream(body)
              .setMaxCount(max)
              .setOnMaxCount((limit, count) -> atLimit())
              .get();
    } catch (IOException ex) {
      // The builder only wraps the stream it is given; it opens nothing that could fail.
      throw new UncheckedIOException(ex);
    }
  }

  /** The body, ending at the limit or throwing past it. */
  public InputStream stream() {
    return stream;
  }

  /**
   * Whether the body was found to pass the limit. A reader (a CSV or JSON parser) may wrap the
   * exception in one of its own, so callers ask this to tell the limit's failure from the
   * content's.
   */
  public boolean exceeded() {
    return exceeded;
  }

  private void atLimit() throws IOException {
    if (body.read() >= 0) {
      exceeded = true;
      throw tooLarge.get();
    }
  }
}
