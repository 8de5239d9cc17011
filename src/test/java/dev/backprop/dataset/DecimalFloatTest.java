package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalFloat} against {@link Float#parseFloat}, bit for bit, over seeded random decimals
 * of every shape the grammar allows and over the hard cases of decimal to float32 conversion:
 * decimals at and next to the halfway points between float32s, exact expansions of float32s,
 * subnormals, the ends of the range, and digit strings too long for the fast path.
 */
class DecimalFloatTest {

  private static final long SEED = 20261130L;
  private static final RoundingMode[] MODES = {
    RoundingMode.HALF_EVEN, RoundingMode.UP, RoundingMode.DOWN, RoundingMode.HALF_UP
  };

  @Test
  void edgeCasesAreParsedAsParseFloatDoes() {
    List<String> cases =
        new ArrayList<>(
            List.of(
                "0",
                "-0",
                "+0",
                "0.0",
                "-0.0",
                ".0",
                "0.",
                "00000",
                "-000.000e5",
                "0e999999999",
                "0e-999999999",
                "1",
                "-1",
                "+1",
                "5.",
                ".5",
                "1e5",
                "1E+5",
                "1e-5",
                "1.5e-3",
                "16777216",
                "16777217",
                "16777218",
                "16777219",
                "-16777217",
                "33554435",
                "9007199254740992",
                "9007199254740993",
                "9007199254740994",
                "9223372036854775807",
                "9223372036854775808",
                "18446744073709551616",
                "1234567890123456789",
                "12345678901234567890",
                "0.1",
                "0.2",
                "0.3",
                "0.7",
                "1.1",
                "3.4028235e38",
                "3.4028236e38",
                "3.40282357e38",
                "3.4028234664e38",
                "3.4028235677973366e38",
                "3.4028235677973367e38",
                "1e38",
                "1e39",
                "1e400",
                "-1e400",
                "1.17549435e-38",
                "1.1754942e-38",
                "1.4e-45",
                "1.401298464324817e-45",
                "7.006492321624085e-46",
                "7.006492321624086e-46",
                "7e-46",
                "1e-46",
                "1e-50",
                "1e-400",
                "1e22",
                "1e23",
                "1e-22",
                "1e-23",
                "9007199254740993e22",
                "9007199254740992e-22",
                "4.35e-3",
                "1.000000059604644775390625",
                "1.0000000596046448",
                "1.000000059604645",
                "1.00000005960464477539",
                "1.00000005960464477540",
                "0.000000000000000000001",
                "100000000000000000000000000000e-29",
                "1" + "0".repeat(30),
                "0." + "0".repeat(40) + "1",
                "1." + "0".repeat(40) + "1",
                "2.5e-45",
                "3.5e-45",
                "1e+2147483647",
                "1e-2147483648",
                "1e99999999999999999999",
                "1e-99999999999999999999"));
    for (String text : cases) {
      assertSameAsParseFloat(text);
    }
  }

  @Test
  void randomDecimalsOfEveryShape() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 400_000; i++) {
      assertSameAsParseFloat(randomDecimal(random));
    }
  }

  @Test
  void decimalsAtAndNextToHalfwayPointsBetweenFloats() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 40_000; i++) {
      float f = Float.intBitsToFloat(random.nextInt(0x7F7F_FFFE) + 1);
      BigDecimal low = new BigDecimal(f);
      BigDecimal halfway = low.add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
      BigDecimal ulp = new BigDecimal(Math.ulp(f));
      BigDecimal tiny = ulp.movePointLeft(12);
      for (BigDecimal value :
          List.of(low, halfway, halfway.add(tiny), halfway.subtract(tiny), low.add(ulp))) {
        assertSameAsParseFloat(value.toString());
        for (int digits = 6; digits <= 20; digits++) {
          MathContext context = new MathContext(digits, MODES[random.nextInt(MODES.length)]);
          assertSameAsParseFloat(value.round(context).toString());
          assertSameAsParseFloat(value.round(context).toPlainString());
        }
      }
      assertSameAsParseFloat(Float.toString(f));
      assertSameAsParseFloat(Double.toString(random.nextDouble() * Math.pow(10, exp(random))));
    }
  }

  private static int exp(SplittableRandom random) {
    return random.nextInt(-60, 60);
  }

  /**
   * A decimal of the data set grammar: a sign or none, 0 to 22 integer digits (with leading zeros
   * now and then), an optional fraction of 0 to 22 digits, an optional exponent of -50 to 50.
   */
  static String randomDecimal(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int sign = random.nextInt(4);
    if (sign == 1) {
      text.append('-');
    } else if (sign == 2) {
      text.append('+');
    }
    int integerDigits = random.nextInt(4) == 0 ? random.nextInt(23) : random.nextInt(1, 8);
    int fractionDigits =
        random.nextInt(3) == 0 ? -1 : random.nextInt(random.nextBoolean() ? 6 : 23);
    if (integerDigits == 0 && fractionDigits <= 0) {
      integerDigits = 1;
    }
    if (random.nextInt(8) == 0) {
      text.append("0".repeat(random.nextInt(1, 4)));
    }
    digits(text, integerDigits, random);
    if (fractionDigits >= 0) {
      text.append('.');
      if (random.nextInt(8) == 0) {
        text.append("0".repeat(random.nextInt(1, 10)));
      }
      digits(text, fractionDigits, random);
    }
    if (random.nextInt(3) == 0) {
      text.append(random.nextBoolean() ? 'e' : 'E');
      int exponent = random.nextInt(-50, 51);
      text.append(exponent >= 0 && random.nextBoolean() ? "+" : "").append(exponent);
    }
    return text.toString();
  }

  private static void digits(StringBuilder text, int count, SplittableRandom random) {
    for (int i = 0; i < count; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
  }

  static void assertSameAsParseFloat(String text) {
    float expected = Float.parseFloat(text);
    // Digits either side: the range, not the array, is what is read.
    char[] chars = ("9" + text + "9").toCharArray();
    float actual = DecimalFloat.parse(chars, 1, 1 + text.length());
    assertThat(Float.floatToRawIntBits(actual))
        .as("%s: %s, not %s", text, actual, expected)
        .isEqualTo(Float.floatToRawIntBits(expected));
  }
}
