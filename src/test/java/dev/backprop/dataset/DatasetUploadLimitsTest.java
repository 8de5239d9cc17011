package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.CsvForm;
import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The upload size limits on a real Tomcat. The limits are scaled down (1 MB for data sets, a little
 * more for multipart requests, as in application.yml) so that the refused remainder of a body stays
 * under Tomcat's max-swallow-size and the client reliably reads the 413.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "backprop.limits.max-dataset-size=1MB",
      "spring.servlet.multipart.max-file-size=1100KB",
      "spring.servlet.multipart.max-request-size=1200KB"
    })
class DatasetUploadLimitsTest {

  static final int MB = 1024 * 1024;

  @LocalServerPort int port;
  @Autowired DatasetService service;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  /** A CSV of 41 columns, {@code bytes} long (rows of 82 bytes keep the row count small). */
  static byte[] csv(int bytes) {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < 40; j++) {
      text.append('a').append(j).append(',');
    }
    text.append("y\n");
    String row = "1,".repeat(40) + "1\n";
    while (text.length() + row.length() <= bytes) {
      text.append(row);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  HttpRequest.Builder post(String query, String contentType) {
    return HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/v1/datasets" + query))
        .header("Content-Type", contentType);
  }

  HttpResponse<String> postForm(String name, byte[] file) {
    return http.send(
        post("", CsvForm.CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(CsvForm.body(name, "big.csv", file))));
  }

  static void assertTooLarge(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body())
        .contains("\"type\":\"https://backprop.dev/problems/payload-too-large\"");
  }

  @Test
  void underTheLimitIsAccepted() {
    HttpResponse<String> response =
        http.send(
            post("?name=limit-ok", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv(MB - 100))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void streamedCsvIsCutOffAtTheLimit() {
    // Chunked, so no Content-Length: the bytes are counted as they stream in.
    byte[] body = csv(MB + MB / 2);
    HttpResponse<String> response =
        http.send(
            post("?name=limit-streamed", "text/csv")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));
    assertTooLarge(response);
    assertThat(response.body()).contains("backprop.limits.max-dataset-size");
    assertThat(service.exists("limit-streamed")).isFalse();
  }

  @Test
  void declaredContentLengthOverTheLimitIsRefusedUpFront() {
    HttpResponse<String> response =
        http.send(
            post("?name=limit-declared", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv(MB + MB / 2))));
    assertTooLarge(response);
    assertThat(response.body()).contains("backprop.limits.max-dataset-size");
  }

  @Test
  void multipartFileOverTheDatasetLimitNamesTheLimit() {
    // Under the multipart limits of the servlet container, over the data set limit.
    HttpResponse<String> response = postForm("limit-file", csv(MB + 50 * 1024));
    assertTooLarge(response);
    assertThat(response.body()).contains("backprop.limits.max-dataset-size");
  }

  @Test
  void multipartOverTheContainerLimitIs413() {
    // Over spring.servlet.multipart.max-request-size: Tomcat refuses it while parsing the parts
    // (MaxUploadSizeExceededException), before any controller runs.
    byte[] file = new byte[MB + MB / 2];
    Arrays.fill(file, (byte) '1');
    assertTooLarge(postForm("limit-container", file));
  }
}
