package dev.backprop.dataset;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads CSV (RFC 4180) record by record into arrays it reuses, so that reading allocates nothing
 * per cell: a record's cells are ranges of {@link #chars()}, read where they lie ({@link
 * Numbers#valueOrNaN}); {@link #cell} makes a String of one only when asked.
 *
 * <p>It reads as Commons CSV's {@code RFC4180} format with empty lines ignored, surrounding spaces
 * ignored and cells trimmed, which the service used before (CsvReaderTest compares the two on
 * random texts): cells are separated by commas and records by CR, LF or CRLF; lines with nothing on
 * them are skipped; a cell in double quotes may hold commas, line breaks and doubled quotes, which
 * stand for one; whitespace ({@link Character#isWhitespace}) before a cell and after it is dropped,
 * and then what {@link String#trim} drops; a quote inside an unquoted cell is an ordinary
 * character. A quoted cell that is never closed, or is followed by more than whitespace, is an
 * error.
 */
final class CsvReader {

  private static final int EOF = -1;

  private final Reader in;
  private final char[] buffer = new char[1 << 15];
  private int position;
  private int limit;

  private char[] text = new char[1 << 10];
  private int used;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int size;
  private boolean ended;

  /** Line breaks read so far (CRLF as one), for errors; and the character read last. */
  private long lines;

  private int last = EOF;

  CsvReader(Reader in) {
    this.in = in;
  }

  /** A malformed record; its message says what is wrong, and on which line, in a client's terms. */
  static final class MalformedCsvException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedCsvException(String message) {
      super(message);
    }
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the text (then there is no record)
   * @throws MalformedCsvException for broken quoting
   */
  boolean next() throws IOException {
    size = 0;
    used = 0;
    if (ended) {
      return false;
    }
    int c = read();
    while (c == '\r' || c == '\n') { // empty lines
      c = read();
    }
    if (c == EOF) {
      ended = true;
      return false;
    }
    while (true) {
      int end = readCell(c);
      if (end != ',') {
        ended = end == EOF;
        return true;
      }
      c = read();
    }
  }

  /** How many cells the record has. */
  int size() {
    return size;
  }

  /** The characters that hold the record's cells; valid until the next {@link #next()}. */
  char[] chars() {
    return text;
  }

  /** Where cell {@code i} starts in {@link #chars()}. */
  int start(int i) {
    return starts[i];
  }

  /** Where cell {@code i} ends (exclusive) in {@link #chars()}. */
  int end(int i) {
    return ends[i];
  }

  /** Cell {@code i} as a String. */
  String cell(int i) {
    return new String(text, starts[i], ends[i] - starts[i]);
  }

  /**
   * Reads one cell whose first character {@code c} has been read, up to and including what ends it.
   *
   * @return what ended the cell: {@code ','}, {@code '\n'} for any line break, or {@link #EOF}
   */
  private int readCell(int c) throws IOException {
    while (c != EOF && c != '\r' && c != '\n' && Character.isWhitespace((char) c)) {
      c = read();
    }
    int start = used;
    int end;
    if (c == '"') {
      end = readQuoted();
    } else {
      end = readPlain(c);
      while (used > start && Character.isWhitespace(text[used - 1])) {
        used--;
      }
    }
    int from = start;
    int to = used;
    while (from < to && text[from] <= ' ') { // then what String.trim drops
      from++;
    }
    while (to > from && text[to - 1] <= ' ') {
      to--;
    }
    add(from, to);
    return end;
  }

  private int readPlain(int c) throws IOException {
    while (c != ',' && c != EOF) {
      if (c == '\r' || c == '\n') {
        skipLineFeedAfter(c);
        return '\n';
      }
      append((char) c);
      c = read();
    }
    return c;
  }

  /** A quoted cell, whose opening quote has been read, and the whitespace after it. */
  private int readQuoted() throws IOException {
    long startLine = lines + 1;
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new MalformedCsvException(
            "the quoted cell that starts on line " + startLine + " has no closing quote");
      }
      if (c != '"') {
        append((char) c);
      } else if (peek() == '"') {
        append((char) read());
      } else {
        break;
      }
    }
    while (true) {
      int c = read();
      if (c == ',' || c == EOF) {
        return c;
      }
      if (c == '\r' || c == '\n') {
        skipLineFeedAfter(c);
        return '\n';
      }
      if (!Character.isWhitespace((char) c)) {
        throw new MalformedCsvException(
            "on line "
                + (lines + 1)
                + ", a quoted cell's closing quote is followed by '"
                + (char) c
                + "'; only spaces may come before the next comma or the end of the line"
                + " (a quote inside a quoted cell is written twice)");
      }
    }
  }

  private void skipLineFeedAfter(int c) throws IOException {
    if (c == '\r' && peek() == '\n') {
      read();
    }
  }

  private void append(char c) {
    if (used == text.length) {
      text = Arrays.copyOf(text, grown(text.length));
    }
    text[used++] = c;
  }

  private void add(int from, int to) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, grown(size));
      ends = Arrays.copyOf(ends, grown(size));
    }
    starts[size] = from;
    ends[size] = to;
    size++;
  }

  private static int grown(int length) {
    if (length >= Integer.MAX_VALUE / 2) {
      throw new IllegalStateException("a CSV record is limited to 1 G characters");
    }
    return length * 2;
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      last = EOF;
      return EOF;
    }
    char c = buffer[position++];
    if (c == '\r' || c == '\n' && last != '\r') {
      lines++;
    }
    last = c;
    return c;
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    position = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }
}
