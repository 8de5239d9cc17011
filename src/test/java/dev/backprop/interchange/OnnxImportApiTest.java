package dev.backprop.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.IntegrationTest;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.network.Api;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/networks/import} with ONNX bytes: PyTorch's models, our own, refusals. */
@IntegrationTest
class OnnxImportApiTest {

  static final List<String> ACCEPTED = Fixtures.ACCEPTED;

  @LocalServerPort int port;
  Api api;
  Onnx onnx;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    onnx = new Onnx(port);
  }

  @ParameterizedTest
  @FieldSource("ACCEPTED")
  void aPytorchModelServesWhatPytorchComputed(String fixture) {
    JsonNode record = Fixtures.record(fixture);
    String name = "torch-" + fixture.replace('_', '-');

    HttpResponse<String> created = onnx.importModel("?name=" + name, Fixtures.onnx(fixture));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/networks/" + name);
    JsonNode network = api.get("/api/v1/networks/" + name).ok(200);
    assertThat(network.path("layers").toString())
        .isEqualTo(Fixtures.JSON.writeValueAsString(record.path("layers")));
    assertThat(network.path("loss").asString()).isEqualTo(record.path("loss").asString());
    assertThat(network.path("latestVersion").asInt()).isEqualTo(1);
    JsonNode predictions =
        api.post(
                "/api/v1/networks/" + name + "/predictions",
                Onnx.inputs(Fixtures.matrix(record.path("inputs"))))
            .ok(200);
    OnnxImporterTest.assertClose(Api.outputs(predictions), Fixtures.matrix(record.path("outputs")));
  }

  @Test
  void anExportImportsBackWithItsDefinitionAndPredictions() {
    Model model =
        RandomModels.model(
            4, 4, Activation.ARCTAN, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, true, 8);
    List<String> features = List.of("a", "b", "c", "d");
    api.post(
            "/api/v1/networks/import",
            Onnx.document("round-trip", model, List.of("no", "yes"), features))
        .ok(201);
    byte[] export =
        onnx.get("/api/v1/networks/round-trip/versions/1/export?format=onnx", null).body();

    assertThat(onnx.importModel("?name=round-trip-copy", export).statusCode()).isEqualTo(201);
    api.delete("/api/v1/networks/round-trip").ok(204);
    // Without ?name=, the name in the model's metadata.
    assertThat(onnx.importModel("", export).statusCode()).isEqualTo(201);

    JsonNode original = api.get("/api/v1/networks/round-trip").ok(200);
    JsonNode copy = api.get("/api/v1/networks/round-trip-copy").ok(200);
    for (String field : List.of("inputs", "features", "layers", "loss", "labels")) {
      assertThat(copy.path(field)).as(field).isEqualTo(original.path(field));
    }
    String rows = Onnx.inputs(RandomModels.rows(20, 4, 9));
    assertThat(
            api.post("/api/v1/networks/round-trip-copy/predictions", rows).ok(200).path("outputs"))
        .isEqualTo(
            api.post("/api/v1/networks/round-trip/predictions", rows).ok(200).path("outputs"));
  }

  @Test
  void anImportedNetworkTrainsFurtherAndServesOnBothApis() {
    HttpResponse<String> created =
        onnx.importModel(
            "?name=torch-iris-trained&labels=setosa,versicolor,virginica"
                + "&features=sepal_length,sepal_width,petal_length,petal_width",
            Fixtures.onnx("iris_gemm"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    String job =
        api.submit(
            "torch-iris-trained",
            "{ \"data\": { \"features\": [[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4],"
                + " [6.3, 3.3, 6.0, 2.5]], \"targets\": [\"setosa\", \"versicolor\","
                + " \"virginica\"] }, \"epochs\": 5, \"fromVersion\": \"latest\" }");
    assertThat(api.succeed(job).path("resultVersion").asInt()).isEqualTo(2);

    JsonNode prediction =
        api.post(
                "/api/v1/networks/torch-iris-trained/predictions",
                "{ \"instances\": [{ \"sepal_length\": 5.1, \"sepal_width\": 3.5,"
                    + " \"petal_length\": 1.4, \"petal_width\": 0.2 }] }")
            .ok(200);
    assertThat(prediction.path("labels").get(0).asString())
        .isIn("setosa", "versicolor", "virginica");
    JsonNode inferred =
        api.post(
                "/v2/models/torch-iris-trained/versions/1/infer",
                "{ \"inputs\": [ { \"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
                    + " \"data\": [5.1, 3.5, 1.4, 0.2] } ] }")
            .ok(200);
    assertThat(inferred.path("outputs").get(0).path("shape").toString()).isEqualTo("[1,3]");
  }

  @Test
  void theLossAndLabelsMayBeGivenAndAreChecked() {
    byte[] binary = Fixtures.onnx("binary_float64");
    assertThat(onnx.importModel("?name=torch-binary-quadratic&loss=quadratic", binary).statusCode())
        .isEqualTo(201);
    assertThat(api.get("/api/v1/networks/torch-binary-quadratic").ok(200).path("loss").asString())
        .isEqualTo("quadratic");

    refused(onnx.importModel("?name=torch-binary-ce&loss=cross_entropy", binary), "network.loss");
    refused(onnx.importModel("?name=torch-binary-labels&labels=a,b,c", binary), "network.labels");
    refused(onnx.importModel("?name=Bad_Name", binary), "name");
    refused(onnx.importModel("", binary), "name");
    assertThat(api.get("/api/v1/networks/torch-binary-ce").status()).isEqualTo(404);
    assertThat(onnx.importModel("?name=torch-binary-quadratic", binary).statusCode())
        .isEqualTo(409);
  }

  @Test
  void refusedModelsAre400sThatNameTheNodeAndStoreNothing() {
    long before = api.get("/api/v1/networks?size=500").ok(200).path("total").asLong();
    byte[] iris = Fixtures.onnx("iris_gemm");

    assertThat(refused("refused-conv", Fixtures.onnx("refused_conv"), "graph.node[0]"))
        .contains("(Conv)");
    assertThat(refused("refused-leaky", Fixtures.onnx("refused_leaky_alpha"), "graph.node[1]"))
        .contains("(LeakyRelu) has alpha 0.2");
    assertThat(refused("refused-rank", Fixtures.onnx("refused_rank3"), "graph.input[0]"))
        .contains("rank 3");
    refused("refused-truncated", Arrays.copyOf(iris, iris.length - 40), "body");
    refused("refused-empty", new byte[0], "body");

    assertThat(api.get("/api/v1/networks?size=500").ok(200).path("total").asLong())
        .isEqualTo(before);
    for (String name : List.of("refused-conv", "refused-leaky", "refused-rank", "refused-empty")) {
      api.get("/api/v1/networks/" + name).problem(404);
    }
  }

  @Test
  void limitsAnswerAsTheyDoForAJsonImport() {
    Model wide =
        RandomModels.model(
            5000, 1, Activation.IDENTITY, Activation.IDENTITY, Loss.QUADRATIC, false, 1);
    Model deep =
        RandomModels.model(2, 33, Activation.RELU, Activation.IDENTITY, Loss.QUADRATIC, false, 1);
    for (Model model : List.of(wide, deep)) {
      JsonNode fromJson =
          api.post("/api/v1/networks/import", Onnx.document("limit", model, null, null))
              .problem(400);
      HttpResponse<String> fromOnnx =
          onnx.importModel("?name=limit", OnnxExporter.export(model, "limit", Map.of()));
      assertThat(fromOnnx.statusCode()).isEqualTo(400);
      assertThat(Api.JSON.readTree(fromOnnx.body())).isEqualTo(fromJson);
    }
    api.get("/api/v1/networks/limit").problem(404);
  }

  private String refused(String name, byte[] body, String field) {
    return refused(onnx.importModel("?name=" + name, body), field);
  }

  /** Asserts a 400 problem detail naming {@code field}; answers its detail. */
  private static String refused(HttpResponse<String> response, String field) {
    Api.Answer answer =
        new Api.Answer(
            response.statusCode(),
            response.headers().firstValue("Location"),
            response.headers().firstValue("Content-Type").orElse(""),
            response.body());
    return answer.invalid(400, field).path("detail").asString();
  }
}
