package dev.backprop.interchange;

import static dev.backprop.interchange.TestGraphs.ints;
import static dev.backprop.interchange.TestGraphs.model;
import static dev.backprop.interchange.TestGraphs.node;
import static dev.backprop.interchange.TestGraphs.rows;
import static dev.backprop.interchange.TestGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Predictor;
import dev.backprop.engine.Standardization;
import dev.backprop.interchange.ImportedGraph.Layer;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * Graphs in, the engine's layers out: PyTorch's exports, our own, and what other exporters write.
 */
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
                AttributeProto.newBuilder()
                    .setName("value_floats")
                    .setType(AttributeProto.AttributeType.FLOATS)
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
                ValueInfoProto.newBuilder()
                    .setName("x")
                    .setType(
                        TypeProto.newBuilder()
                            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
    unshaped.addInitializer(tensor("W", new float[] {1, 2, 3}, 3, 1));
    unshaped.addNode(node("MatMul", List.of("x", "W"), "output"));
    assertThat(OnnxImporter.read(model(unshaped, "output")).inputs()).isEqualTo(3);
  }

  private static NodeProto constant(String output, TensorProto value) {
    return node("Constant", List.of(), output).toBuilder()
        .addAttribute(
            AttributeProto.newBuilder()
                .setName("value")
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(value))
        .build();
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
