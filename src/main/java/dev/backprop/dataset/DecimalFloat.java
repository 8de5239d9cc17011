package dev.backprop.dataset;

/**
 * The float32 nearest to a decimal, bit for bit what {@link Float#parseFloat} returns, read from a
 * range of chars without making a String of it: a CSV upload has one number per cell, and a String
 * per cell (with the buffers {@code parseFloat} allocates) was most of the garbage an upload made.
 *
 * <p>The fast path is Clinger's: a decimal of at most 18 significant digits {@code w} with a power
 * of ten {@code 10^e}, {@code w <= 2^53} and {@code |e| <= 22}, has both factors exact as doubles,
 * so one IEEE multiplication or division gives the double nearest to it. Rounding that double to
 * float32 once more is the nearest float32 too, unless the double lies exactly halfway between two
 * float32s (a float32 boundary nearer to the decimal than the double would be a nearer double), and
 * that case falls back to {@code parseFloat}; so do longer digit strings and larger exponents,
 * which data sets rarely have.
 */
final class DecimalFloat {

  private static final long MAX_EXACT = 1L << 53;

  /** Digits a long holds whatever they are. */
  private static final int MAX_DIGITS = 18;

  private static final int MAX_POWER = 22;
  private static final double[] POWERS_OF_TEN = new double[MAX_POWER + 1];

  /** Where a written exponent stops counting: far past any float, far from overflowing an int. */
  private static final int EXPONENT_CAP = 100_000;

  static {
    double power = 1;
    for (int i = 0; i <= MAX_POWER; i++) {
      POWERS_OF_TEN[i] = power; // 10^22 < 2^53 · 2^22 is still exact in a double
      power *= 10;
    }
  }

  private DecimalFloat() {}

  /**
   * The nearest float32 (ties to even, infinite past the float32 range) to {@code chars[from..to)},
   * which must be a decimal that {@link Numbers#isDecimal} accepts.
   */
  static float parse(char[] chars, int from, int to) {
    int i = from;
    boolean negative = chars[i] == '-';
    if (negative || chars[i] == '+') {
      i++;
    }
    long significand = 0;
    int digits = 0;
    long exponent = 0;
    boolean fraction = false;
    for (; i < to; i++) {
      char c = chars[i];
      if (c == '.') {
        fraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break;
      }
      if (digits > 0 || c != '0') {
        if (digits == MAX_DIGITS) {
          return slow(chars, from, to);
        }
        significand = significand * 10 + (c - '0');
        digits++;
      }
      if (fraction) {
        exponent--;
      }
    }
    if (i < to) {
      exponent += writtenExponent(chars, i + 1, to);
    }
    if (significand == 0) {
      return negative ? -0f : 0f;
    }
    if (significand > MAX_EXACT || exponent < -MAX_POWER || exponent > MAX_POWER) {
      return slow(chars, from, to);
    }
    double nearest =
        exponent >= 0
            ? significand * POWERS_OF_TEN[(int) exponent]
            : significand / POWERS_OF_TEN[(int) -exponent];
    float rounded = (float) nearest;
    if (isHalfway(nearest, rounded)) {
      return slow(chars, from, to);
    }
    return negative ? -rounded : rounded;
  }

  /** The exponent after the {@code e}: an optional sign and digits, capped far past any float. */
  private static int writtenExponent(char[] chars, int from, int to) {
    int i = from;
    boolean negative = chars[i] == '-';
    if (negative || chars[i] == '+') {
      i++;
    }
    int value = 0;
    for (; i < to; i++) {
      value = Math.min(value * 10 + (chars[i] - '0'), EXPONENT_CAP);
    }
    return negative ? -value : value;
  }

  /**
   * Whether a positive double (in the normal float32 range) lies exactly halfway between {@code
   * rounded}, the float32 it rounds to, and that float32's neighbour on its other side. The sum of
   * two adjacent float32s and its half are exact in a double.
   */
  private static boolean isHalfway(double value, float rounded) {
    if (rounded == value) {
      return false;
    }
    float other = value > rounded ? Math.nextUp(rounded) : Math.nextDown(rounded);
    return ((double) rounded + (double) other) / 2 == value;
  }

  private static float slow(char[] chars, int from, int to) {
    return Float.parseFloat(new String(chars, from, to - from));
  }
}
