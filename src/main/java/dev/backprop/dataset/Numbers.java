package dev.backprop.dataset;

/**
 * What counts as a number in a data set: a plain decimal such as {@code 5}, {@code -0.25}, {@code
 * .5} or {@code 1e-3}, that is {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} with ASCII digits.
 * Java's extras ({@code 1f}, {@code 0x1p3}) are not numbers; {@code NaN} and {@code Infinity} (any
 * case, also {@code inf}) are numbers that are not finite, and are refused.
 *
 * <p>The checks are written out by hand over chars, not as regular expressions, and {@link
 * #valueOrNaN} reads a CSV cell where it lies: an upload checks and reads every cell, and a matcher
 * and a String per cell were most of the garbage it made.
 */
final class Numbers {

  private static final String[] NON_FINITE = {"nan", "inf", "infinity"};

  private Numbers() {}

  /** Whether {@code chars[from..to)} is a number in the sense above (finite or not). */
  static boolean isNumber(char[] chars, int from, int to) {
    return isDecimal(chars, from, to) || isNonFinite(chars, from, to);
  }

  /**
   * The text as a float32, or the reason it is not one, as a message for a {@code FieldError}.
   *
   * @return null if the text is a usable number (then {@link #parse} succeeds)
   */
  static String problem(String text) {
    char[] chars = text.toCharArray();
    if (chars.length == 0) {
      return "is empty; every cell needs a number";
    }
    if (isNonFinite(chars, 0, chars.length)) {
      return "'" + text + "' is not a finite number";
    }
    if (!isDecimal(chars, 0, chars.length)) {
      return "'" + abbreviate(text) + "' is not a number";
    }
    if (Float.isInfinite(DecimalFloat.parse(chars, 0, chars.length))) {
      return "'" + abbreviate(text) + "' is out of the float32 range (±3.4e38)";
    }
    return null;
  }

  /** Why a double cannot be stored as a finite float32, or null if it can. */
  static String problem(double value) {
    if (!Double.isFinite(value)) {
      return value + " is not a finite number";
    }
    if (Float.isInfinite((float) value)) {
      return value + " is out of the float32 range (±3.4e38)";
    }
    return null;
  }

  /** The nearest float32 to a text that {@link #problem(String)} accepted (rounded once). */
  static float parse(String text) {
    char[] chars = text.toCharArray();
    return DecimalFloat.parse(chars, 0, chars.length);
  }

  /**
   * The nearest float32 to {@code chars[from..to)} if {@link #problem(String)} accepts that text,
   * else NaN (which no accepted text is); allocates nothing for a decimal of up to 18 digits.
   */
  static float valueOrNaN(char[] chars, int from, int to) {
    if (!isDecimal(chars, from, to)) {
      return Float.NaN;
    }
    float value = DecimalFloat.parse(chars, from, to);
    return Float.isInfinite(value) ? Float.NaN : value;
  }

  /** Whether {@code chars[from..to)} is a decimal of the grammar above. */
  static boolean isDecimal(char[] chars, int from, int to) {
    int i = skipSign(chars, from, to);
    int integer = skipDigits(chars, i, to);
    boolean hasInteger = integer > i;
    i = integer;
    boolean hasFraction = false;
    if (i < to && chars[i] == '.') {
      int fraction = skipDigits(chars, i + 1, to);
      hasFraction = fraction > i + 1;
      i = fraction;
    }
    if (!hasInteger && !hasFraction) {
      return false;
    }
    if (i < to && (chars[i] == 'e' || chars[i] == 'E')) {
      int digits = skipSign(chars, i + 1, to);
      i = skipDigits(chars, digits, to);
      if (i == digits) {
        return false;
      }
    }
    return i == to;
  }

  /**
   * Whether {@code chars[from..to)} is {@code [+-]?(nan|inf|infinity)} in any case. Every other
   * code point than an ASCII one lower-cases to some character outside these words and signs, so
   * comparing ASCII letters case-blind is the same as lower-casing the text first (NumbersTest
   * checks every code point).
   */
  static boolean isNonFinite(char[] chars, int from, int to) {
    int i = skipSign(chars, from, to);
    for (String word : NON_FINITE) {
      if (to - i == word.length() && equalsIgnoringAsciiCase(chars, i, word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalsIgnoringAsciiCase(char[] chars, int from, String lowerCase) {
    for (int j = 0; j < lowerCase.length(); j++) {
      char c = chars[from + j];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lowerCase.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSign(char[] chars, int i, int to) {
    return i < to && (chars[i] == '+' || chars[i] == '-') ? i + 1 : i;
  }

  private static int skipDigits(char[] chars, int i, int to) {
    while (i < to && chars[i] >= '0' && chars[i] <= '9') {
      i++;
    }
    return i;
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
