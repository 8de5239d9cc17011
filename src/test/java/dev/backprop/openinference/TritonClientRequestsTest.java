package dev.backprop.openinference;

import static dev.backprop.openinference.TritonWire.fp32;
import static dev.backprop.openinference.TritonWire.fp64;
import static dev.backprop.openinference.TritonWire.infer;
import static dev.backprop.openinference.TritonWire.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.engine.Predictor;
import dev.backprop.openinference.TritonWire.Answer;
import dev.backprop.prediction.PredictionService;
import dev.backprop.prediction.TestModels;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code infer} as {@code tritonclient.http} calls it ({@link TritonWire} sets out the bytes): JSON
 * without a media type, binary tensor data in (FP32 and FP64) and out (FP32), and each mix of the
 * two. Every answer holds what the engine computes for the same rows.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TritonClientRequestsTest {

  static final String MODEL = "triton-iris";
  static final String PATH = "/v2/models/" + MODEL + "/infer";
  static final float[] ROWS = {
    5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f, 5.9f, 3.0f, 4.2f, 1.5f
  };

  /** {@code InferInput("input", [3, 4], "FP32")} with {@code binary_data=True}; no outputs. */
  static final String BINARY_FP32 =
      "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
          + "\"parameters\":{\"binary_data_size\":48}}],"
          + "\"parameters\":{\"binary_data_output\":true}}";

  @LocalServerPort int port;
  @Autowired PredictionService predictions;
  HttpTestClient http;

  @BeforeAll
  void importModel() {
    http = new HttpTestClient(port);
    TestModels.importIris(http, MODEL);
  }

  @Test
  void jsonWithoutContentTypeIsReadAsJson() {
    // set_data_from_numpy(x, binary_data=False), InferRequestedOutput("output", binary_data=False)
    String json =
        "{\"id\":\"7\",\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3,5.9,3.0,4.2,1.5]}],"
            + "\"outputs\":[{\"name\":\"output\",\"parameters\":{\"binary_data\":false}}]}";
    Answer answer = read(http.sendForBytes(infer(http, PATH, json)));
    assertThat(answer.binary()).isFalse();
    assertThat(answer.header().get("id").asString()).isEqualTo("7");
    assertThat(answer.header().get("model_version").asString()).isEqualTo("1");
    assertOutputs(answer);
  }

  @Test
  void octetStreamWithoutHeaderLengthIsReadAsJson() {
    String json =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP64\","
            + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3,5.9,3.0,4.2,1.5]}]}";
    HttpRequest.Builder request =
        infer(http, PATH, json).header("Content-Type", "application/octet-stream");
    Answer answer = read(http.sendForBytes(request));
    assertThat(answer.binary()).isFalse();
    assertOutputs(answer);
  }

  @Test
  void binaryFp32InAndOutAsTritonclientSendsByDefault() {
    Answer answer = read(http.sendForBytes(infer(http, PATH, BINARY_FP32, fp32(ROWS))));
    assertThat(answer.binary()).isTrue();
    var output = answer.header().get("outputs").get(0);
    assertThat(output.get("name").asString()).isEqualTo("output");
    assertThat(output.get("datatype").asString()).isEqualTo("FP32");
    assertThat(output.get("shape").toString()).isEqualTo("[3,3]");
    assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(3 * 3 * 4);
    assertThat(answer.header().get("model_name").asString()).isEqualTo(MODEL);
    assertOutputs(answer);
  }

  @Test
  void binaryFp64InIsConvertedToFp32() {
    double[] rows = new double[ROWS.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = ROWS[i];
    }
    String json = BINARY_FP32.replace("FP32", "FP64").replace(":48}", ":96}");
    Answer answer = read(http.sendForBytes(infer(http, PATH, json, fp64(rows))));
    assertThat(answer.binary()).isTrue();
    assertOutputs(answer);
  }

  @Test
  void binaryInJsonOutWhenTheOutputSaysSo() {
    // binary_data on the output overrides binary_data_output on the request
    String json =
        BINARY_FP32.replace(
            "\"parameters\":{\"binary_data_output\":true}",
            "\"outputs\":[{\"name\":\"output\",\"parameters\":{\"binary_data\":false}}],"
                + "\"parameters\":{\"binary_data_output\":true}");
    Answer answer = read(http.sendForBytes(infer(http, PATH, json, fp32(ROWS))));
    assertThat(answer.binary()).isFalse();
    assertThat(answer.header().get("outputs").get(0).has("parameters")).isFalse();
    assertOutputs(answer);
  }

  @Test
  void jsonInBinaryOutAsTritonclientSendsWithoutNamedOutputs() {
    String json =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3,5.9,3.0,4.2,1.5]}],"
            + "\"parameters\":{\"binary_data_output\":true}}";
    Answer answer = read(http.sendForBytes(infer(http, PATH, json)));
    assertThat(answer.binary()).isTrue();
    assertOutputs(answer);
  }

  @Test
  void binaryOutWhenTheOutputAsksForIt() {
    // InferRequestedOutput("output") (binary_data=True by default), on a version's path
    String json =
        BINARY_FP32.replace(
            "\"parameters\":{\"binary_data_output\":true}",
            "\"outputs\":[{\"name\":\"output\",\"parameters\":{\"binary_data\":true}}]");
    String path = "/v2/models/" + MODEL + "/versions/1/infer";
    Answer answer = read(http.sendForBytes(infer(http, path, json, fp32(ROWS))));
    assertThat(answer.binary()).isTrue();
    assertOutputs(answer);
  }

  @Test
  void aBinaryRequestWhoseInputsAreAllJsonIsJustItsHeader() {
    String json =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3,5.9,3.0,4.2,1.5]}]}";
    HttpRequest.Builder request =
        infer(http, PATH, json).header(TritonWire.HEADER_LENGTH, Integer.toString(json.length()));
    Answer answer = read(http.sendForBytes(request));
    assertThat(answer.binary()).isFalse();
    assertOutputs(answer);
  }

  /** Three rows of three outputs, as the engine computes them for these rows alone. */
  private void assertOutputs(Answer answer) {
    float[] expected = Predictor.predictFlat(predictions.resolve(MODEL, "1").model(), ROWS, 3);
    assertThat(answer.output()).containsExactly(expected);
  }
}
