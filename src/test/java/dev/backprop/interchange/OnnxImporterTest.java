package dev.backprop.interchange;

import static dev.backprop.interchange.TestGraphs.floats;
import static dev.backprop.interchange.TestGraphs.ints;
import static dev.backprop.interchange.TestGraphs.model;
import static dev.backprop.interchange.TestGraphs.node;
import static dev.backprop.interchange.TestGraphs.rows;
import static dev.backprop.interchange.TestGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Predictor;
import dev.backprop.engine.Standardization;
import dev.backprop.interchange.ImportedGraph.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import onnx.Onnx.GraphProto;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Graphs in, the engine's layers out; everything else refused, naming the node and its op. */
class OnnxImporterTest {

  static final List<String> ACCEPTED = Fixtures.ACCEPTED;

  @ParameterizedTest
  @FieldSource("ACCEPTED")
  void pytorchExportsPredictWhatPytorchComputed(String fixture) {
    JsonNode record = Fixtures.record(fixture);
    ImportedGraph graph = OnnxImporter.read(Fixtures.onnx(fixture));

    assertThat(graph.layers().stream().map(l -> l.activation().apiName()))
        .containsExactlyElementsOf(
            record.path("layers").valueStream().map(l -> l.path("activation").asString()).toList());
    assertThat(graph.layers().stream().map(l -> l.biases().length))
        .containsExactlyElementsOf(
            record.path("layers").valueStream().map(l -> l.path("units").asInt()).toList());
    float[][] expected = Fixtures.matrix(record.path("outputs"));
    float[][] actual =
        Predictor.predict(engineModel(graph), Fixtures.matrix(record.path("inputs")));
    assertClose(actual, expected);
  }

  @Test
  void anExportReadsBackBitForBit() {
    for (Activation output : List.of(Activation.SOFTMAX, Activation.IDENTITY, Activation.SIGMOID)) {
      Loss loss = InterchangeService.lossFor(output);
      Model original = RandomModels.model(6, 3, Activation.LEAKY_RELU, output, loss, true, 17);
      ImportedGraph graph = OnnxImporter.read(OnnxExporter.export(original, "net", Map.of()));
      Model copy = engineModel(graph);

      assertThat(copy.spec().layers()).isEqualTo(original.spec().layers());
      assertThat(copy.standardization()).isEqualTo(original.standardization());
      for (int l = 0; l < 3; l++) {
        assertThat(copy.parameters().weightsMatrix(l))
            .isDeepEqualTo(original.parameters().weightsMatrix(l));
        assertThat(copy.parameters().biases(l)).isEqualTo(original.parameters().biases(l));
      }
    }
  }

  @Test
  void readsConstantNodesBiasBeforeTheSumAndGemmsWithoutBias() {
    GraphProto.Builder g = rows(2);
    g.addNode(constant("mean", TensorProto.newBuilder().setDataType(1).addFloatData(1f).build()));
    g.addNode(node("Sub", List.of("x", "mean"), "centered"));
    g.addNode(
        TestGraphs.node("Constant", List.of(), "std").toBuilder()
            .addAttribute(
                onnx.Onnx.AttributeProto.newBuilder()
                    .setName("value_floats")
                    .setType(onnx.Onnx.AttributeProto.AttributeType.FLOATS)
                    .addFloats(2f)
                    .addFloats(4f))
            .build());
    g.addNode(node("Div", List.of("centered", "std"), "scaled"));
    g.addInitializer(tensor("W", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)); // [inputs, units]
    g.addInitializer(tensor("b", new float[] {0.5f, 0.25f, 0.125f}, 1, 3));
    g.addNode(node("MatMul", List.of("scaled", "W"), "s1"));
    g.addNode(node("Add", List.of("b", "s1"), "z1"));
    g.addNode(node("LeakyRelu", List.of("z1"), "a1"));
    g.addInitializer(tensor("W2", new float[] {1, 1, 1}, 1, 3)); // [units, inputs]
    g.addNode(node("Gemm", List.of("a1", "W2"), "output", ints("transB", 1)));

    ImportedGraph graph = OnnxImporter.read(model(g, "output"));

    assertThat(graph.inputs()).isEqualTo(2);
    assertThat(graph.mean()).containsExactly(1f, 1f);
    assertThat(graph.std()).containsExactly(2f, 4f);
    Layer first = graph.layers().get(0);
    assertThat(first.weights()).isDeepEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
    assertThat(first.biases()).containsExactly(0.5f, 0.25f, 0.125f);
    assertThat(first.activation()).isEqualTo(Activation.LEAKY_RELU);
    assertThat(graph.layers().get(1).biases()).containsExactly(0f);
    assertThat(graph.layers().get(1).activation()).isEqualTo(Activation.IDENTITY);
  }

  @Test
  void readsFloat64DataAFlattenOfRank3AndAnInputWithoutShape() {
    GraphProto.Builder g = TestGraphs.graph(TensorProto.DataType.DOUBLE.getNumber(), null, 2L, 3L);
    g.addNode(node("Flatten", List.of("x"), "flat"));
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("W")
            .setDataType(TensorProto.DataType.DOUBLE.getNumber())
            .addDims(1)
            .addDims(6)
            .addAllDoubleData(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)));
    g.addNode(node("Gemm", List.of("flat", "W"), "output", ints("transB", 1)));
    assertThat(OnnxImporter.read(model(g, "output")).inputs()).isEqualTo(6);

    GraphProto.Builder unshaped =
        GraphProto.newBuilder()
            .addInput(
                onnx.Onnx.ValueInfoProto.newBuilder()
                    .setName("x")
                    .setType(
                        onnx.Onnx.TypeProto.newBuilder()
                            .setTensorType(
                                onnx.Onnx.TypeProto.Tensor.newBuilder().setElemType(1))));
    unshaped.addInitializer(tensor("W", new float[] {1, 2, 3}, 3, 1));
    unshaped.addNode(node("MatMul", List.of("x", "W"), "output"));
    assertThat(OnnxImporter.read(model(unshaped, "output")).inputs()).isEqualTo(3);
  }

  @Test
  void refusesPytorchGraphsWithOtherOperatorsOrShapes() {
    assertRefused(Fixtures.onnx("refused_conv"), "graph.node[0]", "(Conv) is not supported");
    assertRefused(
        Fixtures.onnx("refused_leaky_alpha"), "graph.node[1]", "(LeakyRelu) has alpha 0.2");
    assertRefused(Fixtures.onnx("refused_rank3"), "graph.input[0]", "(rank 3)");
  }

  @Test
  void refusesWhatIsNoOnnxModel() {
    byte[] iris = Fixtures.onnx("iris_gemm");
    assertRefused(new byte[0], "body", "is empty");
    assertRefused(Arrays.copyOf(iris, iris.length / 2), "body", "is not an ONNX model");
    assertRefused(
        "not onnx at all".getBytes(java.nio.charset.StandardCharsets.UTF_8), "body", "not");
  }

  @Test
  void refusesGemmsThatAreNoPlainLayer() {
    assertRefused(gemm(floats("alpha", 2f)), "graph.node[0]", "alpha 2.0");
    assertRefused(gemm(ints("transA", 1)), "graph.node[0]", "transA");
    GraphProto.Builder wide = rows(3);
    wide.addInitializer(tensor("W", new float[] {1, 2}, 1, 2));
    wide.addNode(node("Gemm", List.of("x", "W"), "output", ints("transB", 1)));
    assertRefused(model(wide, "output"), "graph.node[0]", "rows of 3 values");
  }

  @Test
  void refusesStepsOutOfPlace() {
    GraphProto.Builder reluFirst = rows(2);
    reluFirst.addNode(node("Relu", List.of("x"), "output"));
    assertRefused(model(reluFirst, "output"), "graph.node[0]", "(Relu) does not follow a layer");

    GraphProto.Builder subAfterLayer = layer(rows(2), "x", "s");
    subAfterLayer.addInitializer(tensor("m", new float[] {1}, 1));
    subAfterLayer.addNode(node("Sub", List.of("s", "m"), "output"));
    assertRefused(model(subAfterLayer, "output"), "graph.node[1]", "before the first layer");

    GraphProto.Builder branch = layer(rows(2), "x", "s");
    branch.addNode(node("Relu", List.of("x"), "output"));
    assertRefused(model(branch, "output"), "graph.node[1]", "does not take 's'");

    GraphProto.Builder softmax = layer(rows(2), "x", "s");
    softmax.addNode(node("Softmax", List.of("s"), "output", ints("axis", 0)));
    assertRefused(model(softmax, "output"), "graph.node[1]", "axis 0");

    assertRefused(model(layer(rows(2), "x", "s"), "other"), "graph.output", "'s'");
  }

  @Test
  void refusesStandardisationsThatDivideByZeroAndWeightsThatAreNotFloats() {
    GraphProto.Builder zero = rows(2);
    zero.addInitializer(tensor("std", new float[] {1, 0}, 2));
    zero.addNode(node("Div", List.of("x", "std"), "scaled"));
    assertRefused(
        model(layer(zero, "scaled", "output"), "output"), "graph.node[0]", "divides by 0");

    GraphProto.Builder ints = rows(2);
    ints.addInitializer(
        TensorProto.newBuilder()
            .setName("W")
            .setDataType(7)
            .addDims(1)
            .addDims(2)
            .addInt64Data(1)
            .addInt64Data(2));
    ints.addNode(node("Gemm", List.of("x", "W"), "output", ints("transB", 1)));
    assertRefused(model(ints, "output"), "graph.node[0]", "INT64");

    GraphProto.Builder external = rows(2);
    external.addInitializer(
        tensor("W", new float[] {1, 2}, 1, 2).toBuilder()
            .setDataLocation(TensorProto.DataLocation.EXTERNAL));
    external.addNode(node("Gemm", List.of("x", "W"), "output", ints("transB", 1)));
    assertRefused(model(external, "output"), "graph.node[0]", "external file");

    GraphProto.Builder short_ = rows(2);
    short_.addInitializer(
        tensor("W", new float[] {1, 2}, 1, 2).toBuilder().clearDims().addDims(1000).addDims(1000));
    short_.addNode(node("Gemm", List.of("x", "W"), "output"));
    assertRefused(model(short_, "output"), "graph.node[0]", "declares 1000000 values");
  }

  @Test
  void refusesASecondInputAndOperatorsOfOtherDomains() {
    GraphProto.Builder two = layer(rows(2), "x", "output");
    two.addInput(TestGraphs.value("y", 1, null, 2L));
    assertRefused(model(two, "output"), "graph.input[1]", "second input 'y'");

    GraphProto.Builder custom = rows(2);
    custom.addNode(
        node("Gemm", List.of("x"), "output").toBuilder().setDomain("com.example").build());
    assertRefused(model(custom, "output"), "graph.node[0]", "domain 'com.example'");

    GraphProto.Builder nothing = rows(2);
    nothing.addNode(node("Flatten", List.of("x"), "output"));
    assertRefused(model(nothing, "output"), "graph", "holds no layer");
  }

  private static byte[] gemm(onnx.Onnx.AttributeProto attribute) {
    GraphProto.Builder g = rows(2);
    g.addInitializer(tensor("W", new float[] {1, 2}, 1, 2));
    g.addNode(node("Gemm", List.of("x", "W"), "output", ints("transB", 1), attribute));
    return model(g, "output");
  }

  /** Adds a 2 → 1 Gemm layer from {@code from} to {@code to}. */
  private static GraphProto.Builder layer(GraphProto.Builder g, String from, String to) {
    g.addInitializer(tensor("W" + to, new float[] {1, 2}, 1, 2));
    g.addNode(node("Gemm", List.of(from, "W" + to), to, ints("transB", 1)));
    return g;
  }

  private static onnx.Onnx.NodeProto constant(String output, TensorProto value) {
    return node("Constant", List.of(), output).toBuilder()
        .addAttribute(
            onnx.Onnx.AttributeProto.newBuilder()
                .setName("value")
                .setType(onnx.Onnx.AttributeProto.AttributeType.TENSOR)
                .setT(value))
        .build();
  }

  private static void assertRefused(byte[] body, String field, String message) {
    assertThatThrownBy(() -> OnnxImporter.read(body))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.errors()).hasSize(1);
              assertThat(e.errors().get(0).field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(message);
            });
  }

  /** The engine model an imported graph stands for. */
  static Model engineModel(ImportedGraph graph) {
    List<LayerSpec> specs =
        graph.layers().stream().map(l -> new LayerSpec(l.biases().length, l.activation())).toList();
    Activation output = specs.get(specs.size() - 1).activation();
    NetworkSpec spec =
        new NetworkSpec(graph.inputs(), specs, InterchangeService.lossFor(output), null, 1L);
    Parameters parameters =
        Parameters.of(
            graph.layers().stream().map(Layer::weights).toList(),
            graph.layers().stream().map(Layer::biases).toList());
    Standardization s =
        graph.mean() == null ? null : new Standardization(graph.mean(), graph.std());
    return new Model(spec, parameters, s);
  }

  static void assertClose(float[][] actual, float[][] expected) {
    assertThat(actual).hasNumberOfRows(expected.length);
    for (int r = 0; r < expected.length; r++) {
      assertThat(actual[r]).hasSize(expected[r].length);
      for (int j = 0; j < expected[r].length; j++) {
        assertThat((double) actual[r][j]).isCloseTo(expected[r][j], within(1e-5));
      }
    }
  }
}
