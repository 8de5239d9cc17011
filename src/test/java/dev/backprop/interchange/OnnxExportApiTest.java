package dev.backprop.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.backprop.IntegrationTest;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.network.Api;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET .../export?format=onnx}, run in onnxruntime, answers what /predictions answers. */
@IntegrationTest
class OnnxExportApiTest {

  @LocalServerPort int port;
  Api api;
  Onnx onnx;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    onnx = new Onnx(port);
  }

  /** Every output activation and loss, on 1, 2 and 4 layers, with and without standardisation. */
  static Stream<Arguments> networks() {
    List<Arguments> cases = new ArrayList<>();
    int i = 0;
    for (Object[] out : OnnxExporterTest.OUTPUTS) {
      for (int layers : new int[] {1, 2, 4}) {
        for (boolean standardized : new boolean[] {false, true}) {
          Activation hidden = OnnxExporterTest.HIDDEN.get(i++ % OnnxExporterTest.HIDDEN.size());
          cases.add(Arguments.of(layers, hidden, out[0], out[1], standardized));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} layers, hidden {1}, output {2}, {3}, standardized {4}")
  @MethodSource("networks")
  void theExportComputesWhatPredictionsAnswer(
      int layers, Activation hidden, Activation output, Loss loss, boolean standardized) {
    String name =
        ("export-"
                + layers
                + "-"
                + hidden.apiName()
                + "-"
                + output.apiName()
                + "-"
                + loss.apiName()
                + (standardized ? "-std" : ""))
            .replace('_', '-');
    long seed = name.hashCode();
    Model model = RandomModels.model(5, layers, hidden, output, loss, standardized, seed);
    api.post("/api/v1/networks/import", Onnx.document(name, model, null, null)).ok(201);
    float[][] rows = RandomModels.rows(32, 5, seed + 1);

    HttpResponse<byte[]> export =
        onnx.get("/api/v1/networks/" + name + "/versions/1/export?format=onnx", null);
    assertThat(export.statusCode()).isEqualTo(200);
    float[][] predictions =
        Api.outputs(
            api.post("/api/v1/networks/" + name + "/predictions", Onnx.inputs(rows)).ok(200));

    OnnxImporterTest.assertClose(OnnxRuntime.run(export.body(), rows), predictions);
  }

  @Test
  void theExportIsAnAttachmentWithTheVersionsMetadata() throws Exception {
    Model model =
        RandomModels.model(4, 2, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, true, 3);
    List<String> labels = List.of("setosa", "versicolor", "virginica");
    List<String> features = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    api.post("/api/v1/networks/import", Onnx.document("export-iris", model, labels, features))
        .ok(201);

    HttpResponse<byte[]> export =
        onnx.get("/api/v1/networks/export-iris/versions/latest/export?format=onnx", "*/*");

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(export.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"export-iris-v1.onnx\"");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(export.body(), new OrtSession.SessionOptions())) {
      assertThat(session.getMetadata().getProducerName()).isEqualTo("backprop");
      assertThat(session.getMetadata().getCustomMetadata())
          .isEqualTo(
              Map.of(
                  "network", "export-iris",
                  "version", "1",
                  "labels", "[\"setosa\",\"versicolor\",\"virginica\"]",
                  "features",
                      "[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]"));
    }
  }

  @Test
  void jsonStaysTheDefaultAndOtherFormatsAreRefused() {
    Model model =
        RandomModels.model(
            3, 1, Activation.IDENTITY, Activation.IDENTITY, Loss.QUADRATIC, false, 4);
    api.post("/api/v1/networks/import", Onnx.document("export-json", model, null, null)).ok(201);
    String path = "/api/v1/networks/export-json/versions/1/export";

    assertThat(api.get(path).ok(200).path("format").asString()).isEqualTo("backprop-model");
    assertThat(api.get(path + "?format=json").ok(200).path("format").asString())
        .isEqualTo("backprop-model");
    api.get(path + "?format=xml").invalid(400, "format");
    assertThat(onnx.get(path + "?format=onnx", "application/json").statusCode()).isEqualTo(406);
    api.get("/api/v1/networks/no-such-network/versions/1/export?format=onnx").problem(404);
    api.get(path.replace("/1/", "/7/") + "?format=onnx").problem(404);
  }
}
