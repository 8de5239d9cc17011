package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.prediction.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The response headers of infer requests, byte for byte as they go over the wire (names, values and
 * order; the date's value aside): what a client of the serving path gets, Spring Security's headers
 * among them, for JSON and binary answers and for refusals.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferResponseHeadersTest {

  static final String MODEL = "headers-iris";
  static final String PATH = "/v2/models/" + MODEL + "/infer";
  static final String JSON =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
          + "\"data\":[5.1,3.5,1.4,0.2]}]}";
  static final String BINARY_HEADER =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
          + "\"parameters\":{\"binary_data_size\":16}}],"
          + "\"parameters\":{\"binary_data_output\":true}}";

  /** Spring Security's headers, on every answer. */
  static final List<String> SECURITY =
      List.of(
          "X-Content-Type-Options: nosniff",
          "X-XSS-Protection: 0",
          "Cache-Control: no-cache, no-store, max-age=0, must-revalidate",
          "Pragma: no-cache",
          "Expires: 0",
          "X-Frame-Options: DENY");

  /** A refusal's answer: the advice's JSON, chunked, and Tomcat closes the connection. */
  static final List<String> REFUSAL =
      lines(
          SECURITY,
          "vary: accept-encoding",
          "Content-Type: application/json",
          "Transfer-Encoding: chunked",
          "Date: <date>",
          "Connection: close");

  static final List<String> NOT_FOUND =
      lines(
          SECURITY,
          "vary: accept-encoding",
          "Content-Type: application/json",
          "Transfer-Encoding: chunked",
          "Date: <date>");

  @LocalServerPort int port;

  @BeforeAll
  void importModel() {
    TestModels.importIris(new HttpTestClient(port), MODEL);
  }

  @Test
  void aJsonAnswer() throws IOException {
    Answer answer = send(PATH, "Content-Type: application/json\r\n", bytes(JSON));
    assertThat(answer.status()).isEqualTo("HTTP/1.1 200 ");
    assertThat(answer.headers())
        .containsExactlyElementsOf(
            lines(
                SECURITY, "Content-Type: application/json", "Content-Length: <n>", "Date: <date>"));
  }

  @Test
  void aBinaryAnswer() throws IOException {
    byte[] header = bytes(BINARY_HEADER);
    byte[] body = new byte[header.length + 16];
    System.arraycopy(header, 0, body, 0, header.length);
    System.arraycopy(TritonWire.fp32(5.1f, 3.5f, 1.4f, 0.2f), 0, body, header.length, 16);
    Answer answer = send(PATH, "Inference-Header-Content-Length: " + header.length + "\r\n", body);
    assertThat(answer.status()).isEqualTo("HTTP/1.1 200 ");
    assertThat(answer.headers())
        .containsExactlyElementsOf(
            lines(
                List.of("Inference-Header-Content-Length: <n>"),
                SECURITY,
                "Content-Type: application/octet-stream",
                "Content-Length: <n>",
                "Date: <date>"));
  }

  @Test
  void aRefusal() throws IOException {
    Answer answer = send(PATH, "Content-Type: application/json\r\n", bytes("{\"inputs\": 1}"));
    assertThat(answer.status()).isEqualTo("HTTP/1.1 400 ");
    assertThat(answer.headers()).containsExactlyElementsOf(REFUSAL);
  }

  @Test
  void anUnknownModel() throws IOException {
    Answer answer =
        send("/v2/models/no-such-model/infer", "Content-Type: application/json\r\n", bytes(JSON));
    assertThat(answer.status()).isEqualTo("HTTP/1.1 404 ");
    assertThat(answer.headers()).containsExactlyElementsOf(NOT_FOUND);
  }

  /** The lines of the lists, then the others, in order. */
  private static List<String> lines(List<String> first, List<String> second, String... rest) {
    List<String> lines = new ArrayList<>(first);
    lines.addAll(second);
    lines.addAll(List.of(rest));
    return lines;
  }

  private static List<String> lines(List<String> first, String... rest) {
    return lines(first, List.of(), rest);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The status line and the header lines (the lengths and the date as {@code <n>}, {@code <date>}).
   */
  record Answer(String status, List<String> headers) {}

  private Answer send(String path, String headers, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\n"
                  + headers
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String status = line(in);
      List<String> lines = new ArrayList<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        if (line.startsWith("Date: ")) {
          ZonedDateTime.parse(line.substring(6), DateTimeFormatter.RFC_1123_DATE_TIME);
          line = "Date: <date>";
        }
        line =
            line.replaceFirst(
                "^(Content-Length|Inference-Header-Content-Length): [0-9]+$", "$1: <n>");
        lines.add(line);
      }
      return new Answer(status, lines);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      assertThat(b).isNotEqualTo(-1);
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
