package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Infer requests byte for byte as {@code tritonclient.http} builds them, and its way of reading the
 * answers.
 *
 * <p>The request ({@code tritonclient/http/_utils.py}, {@code _get_inference_request}): a POST to
 * {@code v2/models/{name}/infer} with no {@code Content-Type} (geventhttpclient adds none). Its
 * JSON is {@code {"id"?, "inputs": [...], "outputs"?: [...], "parameters"?: {...}}}, serialised
 * compactly by rapidjson. An input set with {@code set_data_from_numpy(x, binary_data=True)} (the
 * default) is {@code {"name", "shape", "datatype", "parameters": {"binary_data_size": n}}} and its
 * n bytes are {@code x.tobytes()}: little-endian, row-major, 4 bytes a value for FP32, 8 for FP64;
 * with {@code binary_data=False} it is {@code {"name", "shape", "datatype", "data": [...flat]}}. An
 * {@code InferRequestedOutput(name, binary_data=b)} is {@code {"name", "parameters":
 * {"binary_data": b}}}; with no outputs named the request gets {@code "parameters":
 * {"binary_data_output": true}}. When any input is binary, the body is the JSON's bytes followed by
 * each binary input's bytes in order, and {@code Inference-Header-Content-Length} gives the JSON's
 * length; otherwise the body is the JSON alone, without that header.
 *
 * <p>The answer ({@code _infer_result.py}, {@code InferResult}): without {@code
 * Inference-Header-Content-Length} the body is JSON; with it, the first that many bytes are the
 * JSON header, and each output whose {@code parameters} hold {@code binary_data_size} takes that
 * many of the bytes after it, in order, read with {@code np.frombuffer(..., dtype)} and reshaped to
 * its {@code shape}.
 */
final class TritonWire {

  static final String HEADER_LENGTH = "Inference-Header-Content-Length";
  static final JsonMapper JSON = JsonMapper.builder().build();

  private TritonWire() {}

  /** {@code np.array(values, np.float32).tobytes()}. */
  static byte[] fp32(float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return bytes.array();
  }

  /** {@code np.array(values, np.float64).tobytes()}. */
  static byte[] fp64(double... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(values);
    return bytes.array();
  }

  /** The JSON's bytes, then each tensor's. */
  static byte[] body(String json, byte[]... tensors) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(json.getBytes(StandardCharsets.UTF_8));
    for (byte[] tensor : tensors) {
      body.writeBytes(tensor);
    }
    return body.toByteArray();
  }

  /**
   * The POST tritonclient sends: no {@code Content-Type}, and {@code
   * Inference-Header-Content-Length} (the JSON's length) when there are binary tensors.
   */
  static HttpRequest.Builder infer(
      HttpTestClient http, String path, String json, byte[]... tensors) {
    HttpRequest.Builder request =
        http.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body(json, tensors)));
    if (tensors.length > 0) {
      request.header(HEADER_LENGTH, Integer.toString(json.getBytes(StandardCharsets.UTF_8).length));
    }
    return request;
  }

  /**
   * An answer as {@code InferResult} reads it.
   *
   * @param header the JSON (the whole body, or its header)
   * @param binary whether the body had binary data after the header
   * @param output the values of {@code output}, from its binary data or its JSON {@code data}
   */
  record Answer(JsonNode header, boolean binary, float[] output) {}

  static Answer read(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    assertThat(response.statusCode()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(200);
    var length = response.headers().firstValue(HEADER_LENGTH);
    if (length.isEmpty()) {
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode json = JSON.readTree(body);
      JsonNode data = json.get("outputs").get(0).get("data");
      float[] values = new float[data.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = data.get(i).floatValue();
      }
      return new Answer(json, false, values);
    }
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    int n = Integer.parseInt(length.get());
    JsonNode header = JSON.readTree(Arrays.copyOfRange(body, 0, n));
    JsonNode output = header.get("outputs").get(0);
    assertThat(output.has("data")).isFalse();
    int size = output.get("parameters").get("binary_data_size").asInt();
    assertThat(body.length).isEqualTo(n + size);
    float[] values = new float[size / 4];
    ByteBuffer.wrap(body, n, size).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new Answer(header, true, values);
  }

  /** {@code { "error": string }} and nothing else, with the status. */
  static String error(HttpResponse<byte[]> response, int status) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode json = JSON.readTree(body);
    assertThat(json.size()).as(body).isEqualTo(1);
    assertThat(json.get("error").isString()).as(body).isTrue();
    return json.get("error").asString();
  }
}
