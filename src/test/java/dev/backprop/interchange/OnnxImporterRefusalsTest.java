package dev.backprop.interchange;

import static dev.backprop.interchange.TestGraphs.floats;
import static dev.backprop.interchange.TestGraphs.ints;
import static dev.backprop.interchange.TestGraphs.model;
import static dev.backprop.interchange.TestGraphs.node;
import static dev.backprop.interchange.TestGraphs.rows;
import static dev.backprop.interchange.TestGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.Test;

/** Everything but a chain of fully connected layers is refused, naming the node and its op. */
class OnnxImporterRefusalsTest {

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
    assertRefused("not onnx at all".getBytes(StandardCharsets.UTF_8), "body", "not");
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

  private static byte[] gemm(AttributeProto attribute) {
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
}
