package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Standardization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * A trained model as an ONNX graph that computes what {@link dev.backprop.engine.Predictor}
 * computes. The standardisation is kept as its own {@code Sub} and {@code Div} nodes rather than
 * folded into the first layer's weights: folding would round differently from the service (which
 * standardises, then multiplies), and a graph that keeps mean and std apart can be imported back
 * with the same standardisation. Each layer is one {@code Gemm} with {@code transB = 1}, so the
 * weights are stored as the engine holds them (one row per unit), then the activation's operator
 * (none for identity).
 */
final class OnnxExporter {

  /** IR version 8 (ONNX 1.10): read by every onnxruntime since 1.10, so by 1.17 and later. */
  static final long IR_VERSION = 8;

  /** Opset 17: Softmax's axis semantics of opset 13 and later; every operator used here exists. */
  static final long OPSET = 17;

  static final String PRODUCER = "backprop";
  static final String INPUT = "input";
  static final String OUTPUT = "output";

  /** The symbolic batch dimension of the input and the output. */
  static final String BATCH = "N";

  private OnnxExporter() {}

  /**
   * The model as ONNX bytes.
   *
   * @param graphName the graph's name (the network's)
   * @param metadata the model's {@code metadata_props}, in order
   */
  static byte[] export(Model model, String graphName, Map<String, String> metadata) {
    NetworkSpec spec = model.spec();
    GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName);
    graph.addInput(tensorInfo(INPUT, spec.inputs()));
    String x = standardize(graph, model.standardization(), spec.inputs());
    Parameters parameters = model.parameters();
    List<Activation> activations = spec.layers().stream().map(LayerSpec::activation).toList();
    for (int l = 0; l < parameters.layerCount(); l++) {
      x = layer(graph, parameters, l, activations.get(l), x, l == parameters.layerCount() - 1);
    }
    graph.addOutput(tensorInfo(OUTPUT, spec.outputs()));
    ModelProto.Builder onnx =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setProducerName(PRODUCER)
            .setDocString("Exported by backprop: standardisation, then one Gemm per layer.")
            .setGraph(graph);
    metadata.forEach(
        (key, value) ->
            onnx.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return onnx.build().toByteArray();
  }

  /** Sub then Div by the standardisation's mean and std; the input itself when there is none. */
  private static String standardize(GraphProto.Builder graph, Standardization s, int inputs) {
    if (s == null) {
      return INPUT;
    }
    graph.addInitializer(OnnxTensors.floats("standardization.mean", s.mean(), inputs));
    graph.addInitializer(OnnxTensors.floats("standardization.std", s.std(), inputs));
    graph.addNode(
        node(OnnxOps.SUB, "standardization/Sub", "standardization.centered")
            .addInput(INPUT)
            .addInput("standardization.mean"));
    graph.addNode(
        node(OnnxOps.DIV, "standardization/Div", "standardization.output")
            .addInput("standardization.centered")
            .addInput("standardization.std"));
    return "standardization.output";
  }

  /** s = x·Wᵀ + b as a Gemm, then a = f(s); answers the name of a. */
  private static String layer(
      GraphProto.Builder graph, Parameters p, int l, Activation f, String x, boolean last) {
    String prefix = "layers." + l;
    int units = p.units(l);
    int fanIn = l == 0 ? p.inputs() : p.units(l - 1);
    float[][] rows = p.weightsMatrix(l);
    float[] w = new float[units * fanIn];
    for (int j = 0; j < units; j++) {
      System.arraycopy(rows[j], 0, w, j * fanIn, fanIn);
    }
    graph.addInitializer(OnnxTensors.floats(prefix + ".weight", w, units, fanIn));
    graph.addInitializer(OnnxTensors.floats(prefix + ".bias", p.biases(l), units));
    Optional<String> op = OnnxOps.of(f);
    String s = last && op.isEmpty() ? OUTPUT : prefix + ".s";
    graph.addNode(
        node(OnnxOps.GEMM, prefix + "/Gemm", s)
            .addInput(x)
            .addInput(prefix + ".weight")
            .addInput(prefix + ".bias")
            .addAttribute(intAttribute("transB", 1)));
    if (op.isEmpty()) {
      return s;
    }
    String a = last ? OUTPUT : prefix + ".a";
    NodeProto.Builder activation = node(op.get(), prefix + "/" + op.get(), a).addInput(s);
    if (f == Activation.LEAKY_RELU) {
      activation.addAttribute(
          AttributeProto.newBuilder()
              .setName("alpha")
              .setType(AttributeProto.AttributeType.FLOAT)
              .setF(Activation.LEAKY_SLOPE));
    } else if (f == Activation.SOFTMAX) {
      activation.addAttribute(intAttribute("axis", -1));
    }
    graph.addNode(activation);
    return a;
  }

  private static NodeProto.Builder node(String op, String name, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A float32 tensor of shape [N, width], N symbolic. */
  private static ValueInfoProto tensorInfo(String name, int width) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    TypeProto type =
        TypeProto.newBuilder()
            .setTensorType(
                TypeProto.Tensor.newBuilder()
                    .setElemType(TensorProto.DataType.FLOAT.getNumber())
                    .setShape(shape))
            .build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }
}
