package dev.backprop.openinference;

import dev.backprop.prediction.PlainDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over JSON in bytes for {@link RequestScanner}: the lexical pieces it reads, each
 * strictly as JSON writes it (RFC 8259), and only in the forms whose value is certain to be the
 * mapper's. Anything else throws {@link #GIVE_UP}.
 */
abstract class JsonBytes {

  /** Thrown to unwind when the scanner gives up; one instance, without a stack trace. */
  static final RuntimeException GIVE_UP = new RuntimeException(null, null, false, false) {};

  /** Digits of the longest integer read here: more (which no client sends) are the mapper's. */
  private static final int MAX_INTEGER_DIGITS = 18;

  /** Longest number read as FP32: longer ones (which no client writes) are the mapper's. */
  private static final int MAX_NUMBER = 64;

  /**
   * The strings infer requests are made of (keys, the tensor's name and datatype): read as these
   * instances rather than as a new string each time.
   */
  private static final String[] KNOWN = {
    "id",
    "name",
    "shape",
    "datatype",
    "parameters",
    "inputs",
    "outputs",
    "data",
    "input",
    "output",
    "FP32",
    "FP64",
    "binary_data_size",
    "binary_data",
    "binary_data_output"
  };

  private static final byte[][] KNOWN_BYTES = new byte[KNOWN.length][];

  static {
    for (int i = 0; i < KNOWN.length; i++) {
      KNOWN_BYTES[i] = KNOWN[i].getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** A number's characters; made at the first number (a binary request's header has none). */
  private char[] number;

  final byte[] bytes;
  final int end;
  int at;

  JsonBytes(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.at = offset;
    this.end = offset + length;
  }

  /** A key and its colon. */
  final String key() {
    String key = string();
    expect(':');
    return key;
  }

  /** A string of printable ASCII without escapes (so its bytes are its characters). */
  final String string() {
    expect('"');
    int start = at;
    while (at < end) {
      byte b = bytes[at];
      if (b == '"') {
        at++;
        return string(start, at - 1 - start);
      }
      if (b < 0x20 || b == '\\' || b == 0x7f) {
        throw GIVE_UP;
      }
      at++;
    }
    throw GIVE_UP;
  }

  /** The string in {@code length} bytes from {@code start}: a known one, else a new one. */
  private String string(int start, int length) {
    for (int i = 0; i < KNOWN_BYTES.length; i++) {
      byte[] known = KNOWN_BYTES[i];
      if (known.length == length && Arrays.equals(bytes, start, start + length, known, 0, length)) {
        return KNOWN[i];
      }
    }
    return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
  }

  /** An integer (no fraction, no exponent, not {@code -0}) of at most 18 digits. */
  final long integer() {
    skipSpace();
    boolean negative = at < end && bytes[at] == '-';
    if (negative) {
      at++;
    }
    int start = at;
    digits(true);
    if (at - start > MAX_INTEGER_DIGITS
        || at < end && (bytes[at] == '.' || (bytes[at] | 0x20) == 'e')) {
      throw GIVE_UP;
    }
    long value = 0;
    for (int i = start; i < at; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    if (negative && value == 0) {
      throw GIVE_UP;
    }
    return negative ? -value : value;
  }

  /**
   * Steps over a JSON number ({@code -?int(.digits)?([eE][+-]?digits)?}); where it started. The
   * caller takes its characters from there to {@link #at}.
   */
  private int skipNumber() {
    skipSpace();
    int start = at;
    if (at < end && bytes[at] == '-') {
      at++;
    }
    digits(true);
    if (at < end && bytes[at] == '.') {
      at++;
      digits(false);
    }
    if (at < end && (bytes[at] | 0x20) == 'e') {
      at++;
      if (at < end && (bytes[at] == '+' || bytes[at] == '-')) {
        at++;
      }
      digits(false);
    }
    return start;
  }

  /**
   * A number as the mapper's tensor reader takes it ({@link PlainDecimal}'s double, else the
   * correctly rounded one), rounded to FP32, which must be finite.
   */
  final float fp32() {
    int start = skipNumber();
    int length = at - start;
    if (length > MAX_NUMBER) {
      throw GIVE_UP;
    }
    if (number == null) {
      number = new char[MAX_NUMBER];
    }
    for (int i = 0; i < length; i++) {
      number[i] = (char) bytes[start + i];
    }
    double value = PlainDecimal.parse(number, 0, length);
    if (Double.isNaN(value)) {
      value = Double.parseDouble(new String(number, 0, length));
    }
    float f = (float) value;
    if (!Float.isFinite(f)) {
      throw GIVE_UP;
    }
    return f;
  }

  /** One or more digits; as JSON's integer part, no leading zero before another digit. */
  private void digits(boolean integerPart) {
    int start = at;
    while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
      at++;
    }
    if (at == start || integerPart && bytes[start] == '0' && at - start > 1) {
      throw GIVE_UP;
    }
  }

  /** {@code true} or {@code false}. */
  final Boolean bool() {
    if (matches("true")) {
      return Boolean.TRUE;
    }
    if (matches("false")) {
      return Boolean.FALSE;
    }
    throw GIVE_UP;
  }

  private boolean matches(String word) {
    if (end - at < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (bytes[at + i] != word.charAt(i)) {
        return false;
      }
    }
    at += word.length();
    return true;
  }

  /** Marks a key as seen; gives up on the second time (the mapper would keep the last). */
  static int once(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw GIVE_UP;
    }
    return seen | bit;
  }

  /** After an opening bracket: whether the container is empty (and then consumed). */
  final boolean empty(char close) {
    skipSpace();
    if (at < end && bytes[at] == close) {
      at++;
      return true;
    }
    return false;
  }

  /** After a member: true on a comma, false on the closing bracket, else gives up. */
  final boolean more(char close) {
    skipSpace();
    if (at < end) {
      byte b = bytes[at++];
      if (b == ',') {
        return true;
      }
      if (b == close) {
        return false;
      }
    }
    throw GIVE_UP;
  }

  final void expect(char c) {
    skipSpace();
    if (at >= end || bytes[at] != c) {
      throw GIVE_UP;
    }
    at++;
  }

  /** The next byte past whitespace, not consumed. */
  final byte peek() {
    skipSpace();
    if (at >= end) {
      throw GIVE_UP;
    }
    return bytes[at];
  }

  /** JSON's four whitespace characters. */
  final void skipSpace() {
    while (at < end) {
      byte b = bytes[at];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      at++;
    }
  }
}
