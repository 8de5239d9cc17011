package dev.backprop.openinference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;

/**
 * An infer body read whole into a buffer its thread keeps, so that a request reads its body once
 * and allocates nothing for it: the scanner, the mapper or the binary data then read the bytes in
 * place. A body larger than the buffer (or one whose reading fails) is handed on as a stream that
 * gives back the bytes read so far and then the rest, for the mapper to read as before.
 *
 * <p>The buffer is the thread's: whatever is read from it must be copied out before the request
 * returns, and it must not be used by two bodies at once on one thread.
 *
 * @param bytes the thread's buffer, holding the body from 0 to {@code length} when {@code rest} is
 *     null
 * @param length the body's length, when it fits
 * @param rest the whole body as a stream, when it does not fit; else null
 */
record BodyBuffer(byte[] bytes, int length, InputStream rest) {

  /** Bodies up to this size are read into the buffer (64 KB a request thread). */
  static final int CAPACITY = 64 * 1024;

  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[CAPACITY]);

  /**
   * Reads a body.
   *
   * @param body the body's stream
   * @param contentLength its declared length, or -1 when it is not declared (chunked)
   */
  static BodyBuffer read(InputStream body, long contentLength) {
    if (contentLength > CAPACITY) {
      return new BodyBuffer(null, 0, body);
    }
    byte[] buffer = BUFFER.get();
    int length = 0;
    try {
      for (int n; length < CAPACITY && (n = body.read(buffer, length, CAPACITY - length)) >= 0; ) {
        length += n;
      }
      int next = length < CAPACITY ? -1 : body.read();
      if (next < 0) {
        return new BodyBuffer(buffer, length, null);
      }
      // The byte read past the buffer goes back between the buffer and the rest.
      return replay(buffer, length, new byte[] {(byte) next}, body);
    } catch (IOException e) {
      return replay(buffer, length, new byte[0], body);
    }
  }

  /** Whether the body is in {@link #bytes}. */
  boolean buffered() {
    return rest == null;
  }

  private static BodyBuffer replay(byte[] buffer, int length, byte[] more, InputStream rest) {
    List<InputStream> parts =
        List.of(new ByteArrayInputStream(buffer, 0, length), new ByteArrayInputStream(more), rest);
    return new BodyBuffer(null, 0, new SequenceInputStream(Collections.enumeration(parts)));
  }
}
