package dev.backprop.prediction;

import tools.jackson.core.JsonParser;

/**
 * The value of a JSON number token, with a fast path for plain decimals such as {@code 0.123},
 * {@code -4} or {@code 5e-3}: tensor data is hundreds of such numbers a request, and the general
 * parse (a state machine over the text, exact for any number of digits) was most of the cost of
 * reading them. The fast path is Clinger's: a decimal with at most 2^53 as its digits m and a power
 * of ten e with |e| ≤ 22 is m × 10^e or m / 10^−e, one correctly rounded IEEE operation on two
 * exact doubles, hence bit for bit the value {@link Double#parseDouble} gives (which is correctly
 * rounded). Anything else (more digits, larger exponents, what is not plain) takes the general
 * path.
 */
public final class PlainDecimal {

  /** 10^0 .. 10^22, every one exact in a double. */
  private static final double[] POWERS = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = power;
      power *= 10;
    }
  }

  /** The largest digits m exact in a double. */
  private static final long MAX_EXACT = 1L << 53;

  /** Digits past the first nonzero one beyond which the fast path declines (no long overflow). */
  private static final int MAX_DIGITS = 18;

  private PlainDecimal() {}

  /** The value of the numeric token under the parser, as {@link JsonParser#getDoubleValue()}. */
  public static double value(JsonParser parser) {
    double value =
        parse(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
    return Double.isNaN(value) ? parser.getDoubleValue() : value;
  }

  /**
   * The value of {@code length} characters from {@code offset}, if they are a plain decimal the
   * fast path takes ({@code -?digits(.digits)?([eE][+-]?digits)?}, within its limits); else NaN,
   * which no plain decimal is.
   */
  public static double parse(char[] text, int offset, int length) {
    int end = offset + length;
    int i = offset;
    boolean negative = i < end && text[i] == '-';
    if (negative) {
      i++;
    }
    long digits = 0;
    int significant = 0;
    int scale = 0;
    boolean fraction = false;
    int start = i;
    for (; i < end; i++) {
      char c = text[i];
      if (c == '.' && !fraction && i > start) {
        fraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break;
      }
      digits = digits * 10 + (c - '0');
      if (digits != 0 && ++significant > MAX_DIGITS) {
        return Double.NaN;
      }
      if (fraction) {
        scale++;
      }
    }
    if (i == start || text[i - 1] == '.') {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
      int at = ++i;
      boolean negativeExponent = i < end && text[i] == '-';
      if (i < end && (text[i] == '-' || text[i] == '+')) {
        at = ++i;
      }
      for (; i < end && text[i] >= '0' && text[i] <= '9' && exponent < 1000; i++) {
        exponent = exponent * 10 + (text[i] - '0');
      }
      if (i == at) {
        return Double.NaN;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != end) {
      return Double.NaN;
    }
    return scaled(negative, digits, exponent - scale);
  }

  /** ±digits × 10^power where that is one exact operation; else NaN. */
  private static double scaled(boolean negative, long digits, int power) {
    double value;
    if (digits == 0) {
      value = 0;
    } else if (digits > MAX_EXACT || power < -22 || power > 22) {
      return Double.NaN;
    } else if (power < 0) {
      value = digits / POWERS[-power];
    } else {
      value = digits * POWERS[power];
    }
    return negative ? -value : value;
  }
}
