package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PlainDecimal}: whatever it takes is bit for bit what {@link Double#parseDouble} gives (and
 * so the same float after the cast); it does take the plain decimals tensor data is made of.
 */
class PlainDecimalTest {

  private static double parse(String text) {
    return PlainDecimal.parse(text.toCharArray(), 0, text.length());
  }

  private static void assertSameBits(String text) {
    double fast = parse(text);
    if (!Double.isNaN(fast)) {
      double expected = Double.parseDouble(text);
      assertThat(Double.doubleToRawLongBits(fast))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(expected));
      assertThat(Float.floatToRawIntBits((float) fast))
          .as(text)
          .isEqualTo(Float.floatToRawIntBits((float) expected));
    }
  }

  @Test
  void plainDecimalsAreTakenWithTheBitsParseDoubleGives() {
    for (String text :
        new String[] {
          "0",
          "-0",
          "0.0",
          "-0.0",
          "0e5",
          "-0E-5",
          "0.123",
          "-4",
          "5e-3",
          "1E22",
          "1e-22",
          "1.5e+3",
          "123456789012345",
          "9007199254740992",
          "0.1",
          "0.2",
          "0.3",
          "2.225",
          "4.9",
          "100",
          "-123.456e-7",
          "0.000001",
          "3.4028235e22"
        }) {
      assertThat(parse(text)).as(text).isNotNaN();
      assertSameBits(text);
    }
    assertThat(Double.doubleToRawLongBits(parse("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void anythingElseIsLeftToTheGeneralPath() {
    for (String text :
        new String[] {
          "",
          "-",
          ".5",
          "1.",
          "1.2.3",
          "1e",
          "1e+",
          "e5",
          "NaN",
          "-Infinity",
          "Infinity",
          "+1",
          "1e23",
          "1e-23",
          "12345678901234567890",
          "9007199254740993",
          "0.1234567890123456789",
          "1x",
          "1e99999",
          "0x10",
          "1_000",
          "1.7976931348623157"
        }) {
      assertThat(parse(text)).as(text).isNaN();
    }
  }

  @Test
  void randomDecimalsMatchParseDoubleBitForBit() {
    Random random = new Random(18);
    int taken = 0;
    int n = 500_000;
    for (int i = 0; i < n; i++) {
      String text = randomDecimal(random);
      assertSameBits(text);
      if (!Double.isNaN(parse(text))) {
        taken++;
      }
    }
    // Most of them are within the fast path's limits (at most 18 digits, |power| <= 22).
    assertThat(taken).isGreaterThan(n / 3);
  }

  @Test
  void shortestFormsOfRandomDoublesAndFloatsToo() {
    Random random = new Random(19);
    for (int i = 0; i < 200_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      float f = Float.intBitsToFloat(random.nextInt());
      if (Double.isFinite(d)) {
        assertSameBits(Double.toString(d));
      }
      if (Float.isFinite(f)) {
        assertSameBits(Float.toString(f));
      }
      assertSameBits(Double.toString(random.nextDouble()));
      assertSameBits(Float.toString(random.nextFloat()));
      assertSameBits(Long.toString(random.nextLong() >> random.nextInt(64)));
    }
  }

  @Test
  void readFromTheParserEveryNumberIsParseDoublesWhicheverPathItTakes() {
    Random random = new Random(20);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      numbers.add(
          random.nextInt(4) == 0 ? Double.toString(random.nextGaussian()) : randomDecimal(random));
    }
    numbers.add("12345678901234567890123");
    numbers.add("1e300");
    String json = "[" + String.join(",", numbers) + "]";
    JsonMapper mapper = JsonMapper.builder().build();
    for (boolean bytes : new boolean[] {true, false}) {
      try (JsonParser parser =
          bytes
              ? mapper.createParser(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              : mapper.createParser(json)) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
        for (String number : numbers) {
          assertThat(parser.nextToken().isNumeric()).isTrue();
          assertThat(Double.doubleToRawLongBits(PlainDecimal.value(parser)))
              .as(number)
              .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
        }
      }
    }
  }

  /** A JSON number: sign, 1 to 20 digits, maybe a point, maybe an exponent of -40 to 40. */
  private static String randomDecimal(Random random) {
    StringBuilder text = new StringBuilder();
    if (random.nextBoolean()) {
      text.append('-');
    }
    int digits = 1 + random.nextInt(random.nextBoolean() ? 8 : 20);
    int point = random.nextInt(digits + 1);
    boolean leadingZero = random.nextInt(3) == 0;
    if (leadingZero) {
      text.append("0.");
      for (int z = random.nextInt(6); z > 0; z--) {
        text.append('0');
      }
    }
    for (int d = 0; d < digits; d++) {
      if (!leadingZero && d == point && d > 0) {
        text.append('.');
      }
      int digit = random.nextInt(10);
      if (d == 0 && !leadingZero && digits > 1) {
        digit = 1 + random.nextInt(9);
      }
      text.append((char) ('0' + digit));
    }
    if (random.nextInt(3) == 0) {
      text.append(random.nextBoolean() ? 'e' : 'E');
      int exponent = random.nextInt(81) - 40;
      if (exponent >= 0 && random.nextBoolean()) {
        text.append('+');
      }
      text.append(exponent);
    }
    return text.toString();
  }
}
