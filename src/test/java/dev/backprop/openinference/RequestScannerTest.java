package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ServiceJson;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RequestScanner}: on the bodies it reads, exactly the request the mapper reads (bit for bit
 * in the tensor values, the same boxed types in the parameters); on the others it gives up, and the
 * codec's answer or error is the mapper's.
 */
class RequestScannerTest {

  /** The application's mapper settings for request bodies (application.yml, spring.jackson). */
  static final JsonMapper MAPPER = ServiceJson.MAPPER;

  static final ObjectReader READER =
      MAPPER
          .readerFor(InferenceRequest.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

  static final InferenceCodec CODEC = new InferenceCodec(MAPPER);

  @Test
  void randomValidBodiesDecodeAsTheMapperDecodesThem() {
    Random random = new Random(18);
    for (int i = 0; i < 400; i++) {
      String body = new RandomBody(random).request();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      InferenceRequest scanned = RequestScanner.scan(bytes, 0, bytes.length);
      assertThat(scanned).as(body).isNotNull();
      assertThat(scanned).as(body).isEqualTo(READER.readValue(bytes));
    }
  }

  @Test
  void bodiesInsideALargerBufferAreReadFromTheirRange() {
    byte[] bytes = "xx{\"id\": \"a\", \"inputs\": []}yy".getBytes(StandardCharsets.US_ASCII);
    assertThat(RequestScanner.scan(bytes, 2, bytes.length - 4))
        .isEqualTo(new InferenceRequest("a", null, List.of(), null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\": \"a\\\"b\"}",
        "{\"id\": \"\\u0041\"}",
        "{\"id\": \"caf\u00e9\"}",
        "{\"id\": \"tab\there\"}",
        "{\"id\": \"a\", \"id\": \"b\"}",
        "{\"id\": null}",
        "{\"id\": 5}",
        "{\"unknown\": 1, \"inputs\": []}",
        "{\"inputs\": [{\"name\": \"input\", \"name\": \"other\"}]}",
        "{\"inputs\": [{\"name\": \"input\", \"extra\": true}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": null}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": true}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [01]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [1.]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [.5]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [+1]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [NaN]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [1e39]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [\"1\"]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2], \"data\": [1, [2]]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [2, 1], \"data\": [[1], 2]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2], \"data\": [1, 2,]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1.0, 2], \"data\": [1, 2]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [-0, 2], \"data\": [1, 2]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1234567890123456789, 2]}]}",
        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1], \"data\": [0.12345678901234567890"
            + "12345678901234567890123456789012345678901234567890]}]}",
        "{\"parameters\": {\"x\": 1.5}}",
        "{\"parameters\": {\"x\": {}}}",
        "{\"parameters\": {\"x\": null}}",
        "{\"parameters\": {\"x\": true, \"x\": false}}",
        "{\"outputs\": [{\"name\": \"output\", \"unknown\": 1}]}",
        "{} {}",
        "{\"inputs\": [",
        "/* a comment */ {}",
        "\uFEFF{}",
        "[]",
        "null",
        "",
        "{\"inputs\": []",
        "{\"id\": \"a\" \"inputs\": []}"
      })
  void givesUpWhereTheMapperMustReadAndItsAnswerStands(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(RequestScanner.scan(bytes, 0, bytes.length)).isNull();
    // The codec through the buffer, and as it read every body before: streamed to the mapper.
    assertThat(outcome(bytes, -1)).isEqualTo(outcome(bytes, BodyBuffer.CAPACITY + 1L));
  }

  /** The body the codec reads, or the message of its refusal. */
  private static Object outcome(byte[] bytes, long contentLength) {
    try {
      return CODEC.read(new ByteArrayInputStream(bytes), contentLength, null);
    } catch (RuntimeException e) {
      return e.getClass() + ": " + e.getMessage();
    }
  }

  /** Valid bodies of the shapes clients send, with numbers written every way JSON allows. */
  private record RandomBody(Random random) {

    String request() {
      List<String> fields = new ArrayList<>();
      if (random.nextBoolean()) {
        fields.add(field("id", "\"" + text() + "\""));
      }
      if (random.nextInt(3) == 0) {
        fields.add(field("parameters", parameters()));
      }
      List<String> inputs = new ArrayList<>();
      for (int i = random.nextInt(3); i >= 0; i--) {
        inputs.add(input());
      }
      fields.add(field("inputs", "[" + String.join("," + space(), inputs) + "]"));
      if (random.nextInt(3) == 0) {
        fields.add(field("outputs", outputs()));
      }
      return space() + object(fields) + space();
    }

    private String input() {
      int rows = 1 + random.nextInt(3);
      int width = random.nextInt(6);
      List<String> fields = new ArrayList<>();
      fields.add(field("name", random.nextInt(5) == 0 ? "\"x" + text() + "\"" : "\"input\""));
      fields.add(field("shape", "[" + rows + "," + space() + width + "]"));
      fields.add(field("datatype", random.nextBoolean() ? "\"FP32\"" : "\"FP64\""));
      if (random.nextInt(4) == 0) {
        fields.add(field("parameters", parameters()));
      }
      if (random.nextInt(8) != 0) {
        fields.add(field("data", data(rows, width)));
      }
      return object(fields);
    }

    private String data(int rows, int width) {
      boolean nested = random.nextBoolean();
      List<String> values = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < width; c++) {
          row.add(number());
        }
        if (nested) {
          values.add("[" + String.join("," + space(), row) + "]");
        } else {
          values.addAll(row);
        }
      }
      return "[" + space() + String.join("," + space(), values) + space() + "]";
    }

    /** A finite FP32 value written as JSON may write it, including forms of many digits. */
    private String number() {
      return switch (random.nextInt(9)) {
        case 0 -> Integer.toString(random.nextInt(2001) - 1000);
        case 1 ->
            Float.toString(random.nextFloat() * 10 - 5)
                .replace("E", random.nextBoolean() ? "e" : "E");
        case 2 -> Double.toString(random.nextGaussian());
        case 3 ->
            (random.nextBoolean() ? "-" : "")
                + random.nextInt(1000)
                + "e"
                + (random.nextInt(60) - 30);
        case 4 -> (random.nextBoolean() ? "-" : "") + "0." + digits(1 + random.nextInt(30));
        case 5 ->
            digits(1 + random.nextInt(25)).replaceFirst("^0+(?=.)", "") + "E+" + random.nextInt(10);
        case 6 -> halfway();
        case 7 -> random.nextBoolean() ? "0" : random.nextBoolean() ? "-0.0" : "0e5";
        default -> Float.toString(Float.intBitsToFloat(random.nextInt() & 0x7f7fffff));
      };
    }

    /** The exact decimal between two neighbouring FP32 values: rounding must be the mapper's. */
    private String halfway() {
      float f = random.nextFloat() * 1000;
      BigDecimal low = new BigDecimal(f);
      BigDecimal high = new BigDecimal(Math.nextUp(f));
      return low.add(high).divide(BigDecimal.valueOf(2)).toPlainString();
    }

    private String digits(int n) {
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < n; i++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      return digits.toString();
    }

    private String parameters() {
      List<String> fields = new ArrayList<>();
      String[] keys = {"binary_data", "binary_data_size", "classification", "priority", text()};
      for (int i = random.nextInt(3); i >= 0; i--) {
        String key = keys[random.nextInt(keys.length)] + i;
        String value =
            switch (random.nextInt(4)) {
              case 0 -> Boolean.toString(random.nextBoolean());
              case 1 -> "\"" + text() + "\"";
              case 2 -> Integer.toString(random.nextInt());
              default -> Long.toString(random.nextLong() / (20 + random.nextInt(1000)));
            };
        fields.add(field(key, value));
      }
      return object(fields);
    }

    private String outputs() {
      List<String> outputs = new ArrayList<>();
      for (int i = random.nextInt(2); i >= 0; i--) {
        List<String> fields = new ArrayList<>();
        fields.add(field("name", "\"output\""));
        if (random.nextBoolean()) {
          fields.add(field("parameters", parameters()));
        }
        outputs.add(object(fields));
      }
      return "[" + String.join(",", outputs) + "]";
    }

    /** The fields in a random order, with random whitespace between the tokens. */
    private String object(List<String> fields) {
      List<String> shuffled = new ArrayList<>(fields);
      java.util.Collections.shuffle(shuffled, random);
      return "{" + space() + String.join("," + space(), shuffled) + space() + "}";
    }

    private String field(String name, String value) {
      return "\"" + name + "\"" + space() + ":" + space() + value;
    }

    private String text() {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append((char) (' ' + 1 + random.nextInt(94)));
      }
      return text.toString().replace("\"", "q").replace("\\", "b");
    }

    private String space() {
      String[] spaces = {"", "", "", " ", "\n", "\t", "\r\n  "};
      return spaces[random.nextInt(spaces.length)];
    }
  }
}
