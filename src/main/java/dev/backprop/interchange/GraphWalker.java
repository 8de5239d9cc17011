package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import dev.backprop.interchange.ImportedGraph.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;

/**
 * Reads a graph as a chain: every node (but {@code Constant}s) takes the output of the node before
 * it, from the graph's one input to its one output. Before the first layer the chain may hold a
 * {@code Flatten}, then a {@code Sub} and a {@code Div} by constants (the standardisation); then
 * come layers, each a {@code Gemm}, or a {@code MatMul} and an {@code Add}, followed by at most one
 * activation. Anything else is refused, naming the node and its operator.
 */
final class GraphWalker {

  /** Where the chain has got to: what may come next depends on it. */
  private enum Stage {
    INPUT,
    FLATTENED,
    CENTERED,
    SCALED,
    /** After a layer's weighted sum: a bias may be added, an activation applied. */
    SUMMED,
    ACTIVATED
  }

  private final GraphProto graph;
  private final Constants constants = new Constants();
  private final GraphInput input;
  private final List<Layer> layers = new ArrayList<>();
  private Stage stage = Stage.INPUT;
  private String current;
  private int width;
  private Constants.Value mean;
  private Constants.Value std;
  private LayerBuilder layer;

  GraphWalker(GraphProto graph) {
    this.graph = graph;
    graph.getInitializerList().forEach(constants::add);
    this.input = GraphInput.of(graph);
    this.current = input.name();
    this.width = input.width();
  }

  /** The graph as the engine's layers, or an exception naming what is refused. */
  ImportedGraph walk(Map<String, String> metadata) {
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto node = graph.getNode(i);
      if (node.getOpType().equals(OnnxOps.CONSTANT) && isOnnx(node)) {
        if (!constants.addNode(node)) {
          throw Refusals.node(i, node, "holds no float tensor ('value', 'value_float(s)')");
        }
        continue;
      }
      try {
        step(node);
      } catch (IllegalArgumentException e) {
        throw Refusals.node(i, node, e.getMessage());
      }
    }
    return finish(metadata);
  }

  private void step(NodeProto node) {
    if (!isOnnx(node)) {
      throw new IllegalArgumentException(
          "is from the operator domain '" + node.getDomain() + "'; " + accepted());
    }
    boolean commutes = node.getOpType().equals(OnnxOps.ADD) && node.getInputCount() == 2;
    boolean takesCurrent =
        node.getInputCount() > 0
            && (node.getInput(0).equals(current) || (commutes && node.getInput(1).equals(current)));
    if (!takesCurrent) {
      throw new IllegalArgumentException(
          "does not take '" + current + "', the output of the step before it; " + accepted());
    }
    if (node.getOutputCount() != 1) {
      throw new IllegalArgumentException("has " + node.getOutputCount() + " outputs, not 1");
    }
    String op = node.getOpType();
    Optional<Activation> activation = OnnxOps.activation(op);
    switch (op) {
      case OnnxOps.FLATTEN -> flatten(node);
      case OnnxOps.SUB ->
          mean = standardization(node, Stage.CENTERED, Stage.INPUT, Stage.FLATTENED);
      case OnnxOps.DIV -> std = divisor(node);
      case OnnxOps.GEMM -> startLayer(LayerBuilder.gemm(node, constants, width));
      case OnnxOps.MATMUL -> startLayer(LayerBuilder.matMul(node, constants, width));
      case OnnxOps.ADD -> addBias(node);
      default -> {
        if (activation.isEmpty()) {
          throw new IllegalArgumentException("is not supported; " + accepted());
        }
        activate(node, activation.get());
      }
    }
    current = node.getOutput(0);
  }

  private void flatten(NodeProto node) {
    requireStage("comes first, before any other step", Stage.INPUT);
    if (Constants.intAttribute(node, "axis", 1) != 1) {
      throw new IllegalArgumentException("flattens from axis other than 1; rows must stay rows");
    }
    width = input.flattenedWidth();
    stage = Stage.FLATTENED;
  }

  private Constants.Value standardization(NodeProto node, Stage next, Stage... after) {
    requireStage("may only come before the first layer (standardisation)", after);
    requireRows();
    Constants.Value value = constant(node);
    stage = next;
    return value;
  }

  private Constants.Value divisor(NodeProto node) {
    Constants.Value value =
        standardization(node, Stage.SCALED, Stage.INPUT, Stage.FLATTENED, Stage.CENTERED);
    for (float v : value.values()) {
      if (!(v > 0) || !Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "divides by " + v + "; a standardisation divides by positive standard deviations");
      }
    }
    return value;
  }

  /** The second input of a Sub or Div: a scalar, or one value per input column. */
  private Constants.Value constant(NodeProto node) {
    if (node.getInputCount() != 2) {
      throw new IllegalArgumentException("has " + node.getInputCount() + " inputs, not 2");
    }
    Constants.Value value = constants.get(node.getInput(1));
    long columns = value.rank() == 0 ? 1 : value.dims()[value.rank() - 1];
    boolean row = value.rank() <= 1 || (value.rank() == 2 && value.dims()[0] == 1);
    if (!row || (value.rank() > 0 && width >= 0 && columns != width)) {
      throw new IllegalArgumentException(
          "takes a constant of shape "
              + Arrays.toString(value.dims())
              + "; expected a scalar or one value per input column"
              + (width >= 0 ? " (" + width + ")" : ""));
    }
    if (value.rank() > 0) {
      width = (int) columns;
    }
    return value;
  }

  private void startLayer(LayerBuilder next) {
    if (stage == Stage.INPUT) {
      requireRows();
    }
    closeLayer();
    layer = next;
    width = next.units();
    stage = Stage.SUMMED;
  }

  private void addBias(NodeProto node) {
    requireStage("adds to something other than a layer's weighted sum", Stage.SUMMED);
    layer.addBias(node, constants, current);
  }

  private void activate(NodeProto node, Activation f) {
    requireStage("does not follow a layer's weighted sum (Gemm, or MatMul and Add)", Stage.SUMMED);
    layer.activation(node, f);
    stage = Stage.ACTIVATED;
  }

  private void closeLayer() {
    if (layer != null) {
      layers.add(layer.build());
      layer = null;
    }
  }

  private ImportedGraph finish(Map<String, String> metadata) {
    closeLayer();
    if (layers.isEmpty()) {
      throw Refusals.graph("graph", "holds no layer (Gemm, or MatMul and Add); " + accepted());
    }
    if (graph.getOutputCount() != 1 || !graph.getOutput(0).getName().equals(current)) {
      throw Refusals.graph(
          "graph.output",
          "the graph must have one output, the last step's '"
              + current
              + "'; it has "
              + graph.getOutputList().stream().map(o -> "'" + o.getName() + "'").toList());
    }
    int inputs = layers.get(0).weights()[0].length;
    return new ImportedGraph(
        inputs, expand(mean, inputs, 0f), expand(std, inputs, 1f), List.copyOf(layers), metadata);
  }

  /** A standardisation constant as one value per input; null if the graph has neither. */
  private float[] expand(Constants.Value value, int inputs, float neutral) {
    if (mean == null && std == null) {
      return null;
    }
    float[] values = new float[inputs];
    Arrays.fill(values, value == null ? neutral : value.values()[0]);
    if (value != null && value.rank() > 0) {
      System.arraycopy(value.values(), 0, values, 0, inputs);
    }
    return values;
  }

  private void requireStage(String otherwise, Stage... allowed) {
    for (Stage s : allowed) {
      if (stage == s) {
        return;
      }
    }
    throw new IllegalArgumentException(otherwise + "; " + accepted());
  }

  /** Before the first layer, the input must be rows: [N, inputs], or flattened to that. */
  private void requireRows() {
    if (stage == Stage.INPUT) {
      input.requireRows();
    }
  }

  private static boolean isOnnx(NodeProto node) {
    return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
  }

  private static String accepted() {
    return "a graph this service imports is " + OnnxOps.ACCEPTED;
  }
}
