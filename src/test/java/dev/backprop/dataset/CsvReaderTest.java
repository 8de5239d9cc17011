package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvReader} against Commons CSV in the format the service read uploads with before ({@code
 * RFC4180}, empty lines ignored, surrounding spaces ignored, trimmed): the same records, or an
 * error from both, for seeded random texts of commas, quotes, line breaks, blanks and letters, read
 * through a reader that hands out a few characters at a time.
 */
class CsvReaderTest {

  private static final CSVFormat COMMONS =
      CSVFormat.RFC4180
          .builder()
          .setIgnoreEmptyLines(true)
          .setIgnoreSurroundingSpaces(true)
          .setTrim(true)
          .get();
  private static final String ALPHABET = ",,,\"\"\"\r\n\n  \t\u000B\u0001\u2003\u00A0ab1.-";

  @Test
  void readsAsCommonsCsvDidOnRandomTexts() throws IOException {
    SplittableRandom random = new SplittableRandom(20261130L);
    for (int i = 0; i < 100_000; i++) {
      String text = randomText(random);
      assertThat(read(text, 1 + random.nextInt(5)))
          .as("%s", escaped(text))
          .isEqualTo(commons(text));
    }
  }

  @Test
  void readsQuotesLineBreaksAndBlanksAsCommonsCsvDid() throws IOException {
    for (String text :
        List.of(
            "",
            "\n\r\n\r",
            "a,b\r\n1,2\r\n",
            "a,b\n1,2",
            "a,b\n1,2,\n",
            "a,b\n1,2,   ",
            "\"a\", \"b,c\" ,label\r\n 1.5 ,\"2\",\"x, quoted\"\r\n\r\n   \r\n\n",
            "\"say \"\"hi\"\"\",\"two\r\nlines\"\n",
            "a\"b,c\n",
            "\u0001 x \u0001,\u2003y\u2003,\" z \"\n",
            "\uFEFFa,b\n1,2\n",
            "a,b\r\r\n\r1,2")) {
      assertThat(read(text, 3)).as("%s", escaped(text)).isEqualTo(commons(text));
    }
  }

  @Test
  void brokenQuotingNamesTheLine() {
    assertThatThrownBy(() -> read("a,y\n1,\"2\n3\n", 64))
        .isInstanceOf(CsvReader.MalformedCsvException.class)
        .hasMessage("the quoted cell that starts on line 2 has no closing quote");
    assertThatThrownBy(() -> read("a,y\r\n1,\"2\" 3\r\n", 64))
        .isInstanceOf(CsvReader.MalformedCsvException.class)
        .hasMessageStartingWith("on line 2, a quoted cell's closing quote is followed by '3';");
  }

  @Test
  void cellsAreRangesOfOneArrayReusedFromRecordToRecord() throws IOException {
    CsvReader reader = new CsvReader(new StringReader("ab, c\n\"d\"\"\",e\n"));
    assertThat(reader.next()).isTrue();
    char[] chars = reader.chars();
    assertThat(new String(chars, reader.start(1), reader.end(1) - reader.start(1))).isEqualTo("c");
    assertThat(reader.next()).isTrue();
    assertThat(reader.chars()).isSameAs(chars);
    assertThat(reader.cell(0)).isEqualTo("d\"");
    assertThat(reader.next()).isFalse();
    assertThat(reader.next()).isFalse();
  }

  /** The records, or the word "error" if the text is not CSV. */
  private static List<List<String>> read(String text, int chunk) throws IOException {
    CsvReader reader = new CsvReader(new Trickle(text, chunk));
    List<List<String>> records = new ArrayList<>();
    try {
      while (reader.next()) {
        List<String> record = new ArrayList<>();
        for (int i = 0; i < reader.size(); i++) {
          record.add(reader.cell(i));
        }
        records.add(record);
      }
    } catch (CsvReader.MalformedCsvException e) {
      if (chunk == 64) {
        throw e;
      }
      return List.of(List.of("error"));
    }
    return records;
  }

  private static List<List<String>> commons(String text) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), COMMONS)) {
      for (CSVRecord record : parser) {
        records.add(record.toList());
      }
    } catch (UncheckedIOException e) {
      return List.of(List.of("error"));
    }
    return records;
  }

  private static String randomText(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(0, 24); n > 0; n--) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= ' ' && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }

  /** A reader that returns at most {@code chunk} characters a call, as a network stream may. */
  private static final class Trickle extends Reader {
    private final String text;
    private final int chunk;
    private int at;

    Trickle(String text, int chunk) {
      this.text = text;
      this.chunk = chunk;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (at == text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(length, chunk), text.length() - at);
      text.getChars(at, at + n, buffer, offset);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
