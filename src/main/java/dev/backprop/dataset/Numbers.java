package dev.backprop.dataset;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What counts as a number in a data set: a plain decimal such as {@code 5}, {@code -0.25}, {@code
 * .5} or {@code 1e-3}. Java's extras ({@code 1f}, {@code 0x1p3}) are not numbers; {@code NaN} and
 * {@code Infinity} (any case, also {@code inf}) are numbers that are not finite, and are refused.
 */
final class Numbers {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");

  private Numbers() {}

  /** Whether the text is a number in the sense above (finite or not). */
  static boolean isNumber(String text) {
    return DECIMAL.matcher(text).matches() || isNonFinite(text);
  }

  static boolean isNonFinite(String text) {
    return NON_FINITE.matcher(text.toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The text as a float32, or the reason it is not one, as a message for a {@code FieldError}.
   *
   * @return null if the text is a usable number (then {@link #parse} succeeds)
   */
  static String problem(String text) {
    if (text.isEmpty()) {
      return "is empty; every cell needs a number";
    }
    if (isNonFinite(text)) {
      return "'" + text + "' is not a finite number";
    }
    if (!DECIMAL.matcher(text).matches()) {
      return "'" + abbreviate(text) + "' is not a number";
    }
    if (Float.isInfinite(Float.parseFloat(text))) {
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
    return Float.parseFloat(text);
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
