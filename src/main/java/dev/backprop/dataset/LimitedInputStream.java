package dev.backprop.dataset;

import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/**
 * Counts the bytes of an upload while it streams in and stops reading past {@code
 * backprop.limits.max-dataset-size}, so that an oversized body is refused without being buffered.
 */
final class LimitedInputStream extends FilterInputStream {

  static final String LIMIT = "backprop.limits.max-dataset-size";

  private final DataSize limit;
  private long count;
  private boolean exceeded;

  LimitedInputStream(InputStream in, DataSize limit) {
    super(in);
    this.limit = limit;
  }

  /** The 413 for a body of {@code bytes} bytes, or more. */
  static LimitExceededException tooLarge(DataSize limit) {
    return new LimitExceededException(
        Limit.SIZE,
        null,
        "The data set is larger than "
            + LIMIT
            + " ("
            + limit.toBytes()
            + " bytes); upload a smaller file or raise the limit.");
  }

  /** Whether the body was cut off at the limit; parse errors after that are the limit's fault. */
  boolean exceeded() {
    return exceeded;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long n) {
    count += n;
    if (count > limit.toBytes()) {
      exceeded = true;
      throw tooLarge(limit);
    }
  }
}
