package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of {@link Numbers} against the regular expressions they replace (kept
 * here as the reference) and {@link Float#parseFloat}, over seeded random texts near the grammar.
 */
class NumbersTest {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");
  private static final String ALPHABET =
      "0123456789000.....eeEE++--  xfdFDnNaAiItTyY,\"\t\u0661\u0662\u00A0";

  @Test
  void agreesWithTheRegularExpressionsAndParseFloat() {
    SplittableRandom random = new SplittableRandom(20261130L);
    for (int i = 0; i < 300_000; i++) {
      String text =
          switch (random.nextInt(4)) {
            case 0 -> DecimalFloatTest.randomDecimal(random);
            case 1 -> mutated(DecimalFloatTest.randomDecimal(random), random);
            case 2 -> mutated(nonFinite(random), random);
            default -> randomText(random);
          };
      assertAgrees(text);
    }
  }

  @Test
  void examples() {
    for (String text :
        new String[] {
          "",
          "5",
          "-0.25",
          ".5",
          "5.",
          "1e-3",
          "+.5E+2",
          ".",
          "-",
          "+",
          "e5",
          ".e5",
          "5e",
          "5e+",
          "1f",
          "1d",
          "0x10",
          "0x1p3",
          " 1",
          "1 ",
          "1,5",
          "\u0661",
          "NaN",
          "nan",
          "-Infinity",
          "+inf",
          "INF",
          "Infinity",
          "infinit",
          "nana",
          "1e39",
          "-1e39",
          "1e400",
          "1e-400",
          "3.4028235e38",
          "3.4028236e38",
          "0e99999999999"
        }) {
      assertAgrees(text);
    }
  }

  /**
   * Every code point but an ASCII one lower-cases to some character outside "nan", "inf",
   * "infinity" and the signs ('İ' to "i" and a combining dot), so a text with one is never such a
   * word, and comparing ASCII letters case-blind is the same as {@code toLowerCase(Locale.ROOT)}.
   */
  @Test
  void noOtherCodePointLowerCasesToOnlyTheLettersOfNonFiniteWords() {
    for (int codePoint = 0x80; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      String lower = new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
      assertThat(lower.chars().anyMatch(c -> "nafity+-".indexOf(c) < 0))
          .as("U+%04X lower-cases to %s", codePoint, lower)
          .isTrue();
    }
  }

  private static void assertAgrees(String text) {
    boolean decimal = DECIMAL.matcher(text).matches();
    boolean nonFinite = NON_FINITE.matcher(text.toLowerCase(Locale.ROOT)).matches();
    // Digits either side: the range, not the array, is what is read.
    char[] chars = ("7" + text + "7").toCharArray();
    int to = chars.length - 1;
    assertThat(Numbers.isNumber(chars, 1, to)).as(text).isEqualTo(decimal || nonFinite);
    assertThat(Numbers.isDecimal(chars, 1, to)).as(text).isEqualTo(decimal);
    assertThat(Numbers.isNonFinite(chars, 1, to)).as(text).isEqualTo(nonFinite);
    assertThat(Numbers.problem(text)).as(text).isEqualTo(referenceProblem(text));
    float value = Numbers.valueOrNaN(chars, 1, to);
    if (referenceProblem(text) == null) {
      int expected = Float.floatToRawIntBits(Float.parseFloat(text));
      assertThat(Float.floatToRawIntBits(value)).as(text).isEqualTo(expected);
      assertThat(Float.floatToRawIntBits(Numbers.parse(text))).as(text).isEqualTo(expected);
    } else {
      assertThat(value).as(text).isNaN();
    }
  }

  /** What {@link Numbers#problem(String)} said when it was written with regular expressions. */
  private static String referenceProblem(String text) {
    if (text.isEmpty()) {
      return "is empty; every cell needs a number";
    }
    if (NON_FINITE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      return "'" + text + "' is not a finite number";
    }
    if (!DECIMAL.matcher(text).matches()) {
      return "'" + Numbers.abbreviate(text) + "' is not a number";
    }
    if (Float.isInfinite(Float.parseFloat(text))) {
      return "'" + Numbers.abbreviate(text) + "' is out of the float32 range (±3.4e38)";
    }
    return null;
  }

  private static String nonFinite(SplittableRandom random) {
    String[] words = {"nan", "NaN", "inf", "INF", "Infinity", "iNfInItY"};
    String[] signs = {"", "", "+", "-"};
    return signs[random.nextInt(signs.length)] + words[random.nextInt(words.length)];
  }

  /** The text with one to three characters inserted, deleted or replaced. */
  private static String mutated(String text, SplittableRandom random) {
    StringBuilder out = new StringBuilder(text);
    for (int n = random.nextInt(1, 4); n > 0; n--) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.length() + 1);
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0 -> out.insert(at, c);
        case 1 -> {
          if (at < out.length()) {
            out.deleteCharAt(at);
          }
        }
        default -> {
          if (at < out.length()) {
            out.setCharAt(at, c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String randomText(SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    for (int n = random.nextInt(0, 9); n > 0; n--) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
