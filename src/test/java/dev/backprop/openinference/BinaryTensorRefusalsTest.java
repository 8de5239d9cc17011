package dev.backprop.openinference;

import static dev.backprop.openinference.TritonWire.error;
import static dev.backprop.openinference.TritonWire.fp32;
import static dev.backprop.openinference.TritonWire.infer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Binary tensor data that does not add up is a 400 {@code { "error" }} that says what is wrong,
 * never a 500: sizes that do not match the shape and datatype, a header longer than the body, a
 * header length that is no number, bytes left over or missing, datatypes that cannot be read, and
 * parameters of the wrong type. (A body past {@code backprop.limits.max-request-size} is a 413:
 * {@code LimitsTest}.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryTensorRefusalsTest {

  static final String PATH = "/v2/models/refusals-iris/infer";
  static final byte[] ROW = fp32(5.1f, 3.5f, 1.4f, 0.2f);

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeAll
  void importModel() {
    http = new HttpTestClient(port);
    TestModels.importIris(http, "refusals-iris");
  }

  /** One input of the given shape and datatype, its binary_data_size as given (JSON). */
  static String header(String shape, String datatype, String size) {
    return "{\"inputs\":[{\"name\":\"input\",\"shape\":"
        + shape
        + ",\"datatype\":\""
        + datatype
        + "\",\"parameters\":{\"binary_data_size\":"
        + size
        + "}}]}";
  }

  @Test
  void aSizeThatDoesNotMatchTheShapeNamesTheInputAndBothSizes() {
    String message = refused(infer(http, PATH, header("[1,4]", "FP32", "12"), fp32(1, 2, 3)));
    assertThat(message).contains("'input'", "12", "16");
    message = refused(infer(http, PATH, header("[1,4]", "FP64", "16"), ROW));
    assertThat(message).contains("'input'", "16", "32", "FP64");
  }

  @Test
  void bytesMissingOrLeftOverAreRefused() {
    assertThat(refused(infer(http, PATH, header("[1,4]", "FP32", "16"), fp32(1, 2))))
        .contains("16", "8");
    assertThat(refused(infer(http, PATH, header("[1,4]", "FP32", "16"), ROW, fp32(9))))
        .contains("4 more bytes");
  }

  @Test
  void headerLengthsThatAreNoLengthOfTheHeaderAreRefused() {
    String json = header("[1,4]", "FP32", "16");
    for (String length : new String[] {"-1", "abc", "1.5", "0", "99999999999", " "}) {
      assertThat(refused(withLength(json, length))).as(length).isNotBlank();
    }
    // longer than the whole body
    assertThat(refused(withLength(json, Integer.toString(json.length() + 17))))
        .contains("holds only");
    // cutting the JSON short, or reaching into the binary data
    refused(withLength(json, Integer.toString(json.length() - 1)));
    refused(withLength(json, Integer.toString(json.length() + 1)));
  }

  @Test
  void datatypesThatCannotBeReadAsBinaryAreRefused() {
    for (String datatype : new String[] {"INT32", "BYTES", "FP16", "BF16", "NOPE"}) {
      assertThat(refused(infer(http, PATH, header("[1,4]", datatype, "16"), ROW)))
          .as(datatype)
          .contains(datatype);
    }
  }

  @Test
  void parametersOfTheWrongTypeAreRefused() {
    for (String size : new String[] {"\"16\"", "16.0", "-16", "true", "99999999999999999999"}) {
      refused(infer(http, PATH, header("[1,4]", "FP32", size), ROW));
    }
    String json = header("[1,4]", "FP32", "16");
    refused(
        infer(http, PATH, json.replace("]}", "],\"parameters\":{\"binary_data_output\":1}}"), ROW));
    refused(
        infer(
            http,
            PATH,
            json.replace(
                "]}",
                "],\"outputs\":[{\"name\":\"output\",\"parameters\":{\"binary_data\":\"y\"}}]}"),
            ROW));
  }

  @Test
  void anInputIsSentOneWayOnly() {
    String both = header("[1,4]", "FP32", "16").replace("}}]", "},\"data\":[1,2,3,4]}]");
    assertThat(refused(infer(http, PATH, both, ROW))).contains("both");
    // binary_data_size without Inference-Header-Content-Length: there is no binary data
    assertThat(refused(infer(http, PATH, header("[1,4]", "FP32", "16"))))
        .contains("Inference-Header-Content-Length");
  }

  @Test
  void shapesAndValuesAreCheckedAsForJson() {
    refused(infer(http, PATH, header("[1,3]", "FP32", "12"), fp32(1, 2, 3)));
    refused(infer(http, PATH, header("[4]", "FP32", "16"), ROW));
    refused(infer(http, PATH, header("[1,-4]", "FP32", "16"), ROW));
    refused(infer(http, PATH, header("null", "FP32", "16"), ROW));
    refused(infer(http, PATH, header("[1,4]", "FP32", "16"), fp32(1, Float.NaN, 3, 4)));
    refused(
        infer(http, PATH, header("[1,4]", "FP32", "16"), fp32(1, 2, Float.POSITIVE_INFINITY, 4)));
    assertThat(
            refused(
                infer(http, PATH, header("[1,4]", "FP64", "32"), TritonWire.fp64(1, 2, 1e300, 4))))
        .contains("FP32 range");
  }

  @Test
  void otherMediaTypesAre415() {
    HttpRequest.Builder request =
        infer(http, PATH, header("[1,4]", "FP32", "16"), ROW).header("Content-Type", "text/plain");
    error(http.sendForBytes(request), 415);
  }

  private HttpRequest.Builder withLength(String json, String length) {
    return http.request(PATH)
        .header(TritonWire.HEADER_LENGTH, length)
        .POST(HttpRequest.BodyPublishers.ofByteArray(TritonWire.body(json, ROW)));
  }

  private String refused(HttpRequest.Builder request) {
    HttpResponse<byte[]> response = http.sendForBytes(request);
    return error(response, 400);
  }
}
