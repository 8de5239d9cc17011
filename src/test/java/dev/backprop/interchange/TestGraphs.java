package dev.backprop.interchange;

import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/** Small ONNX graphs written node by node, for the cases no exporter writes on request. */
final class TestGraphs {

  private TestGraphs() {}

  /** A graph whose one input {@code x} has the given dims (null for a symbolic one). */
  static GraphProto.Builder graph(int elemType, Long... dims) {
    return GraphProto.newBuilder().setName("test").addInput(value("x", elemType, dims));
  }

  /** A graph whose input {@code x} is float32 rows [N, width]. */
  static GraphProto.Builder rows(int width) {
    return graph(TensorProto.DataType.FLOAT.getNumber(), null, (long) width);
  }

  static ValueInfoProto value(String name, int elemType, Long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Long d : dims) {
      shape.addDim(
          d == null
              ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
              : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }

  static TensorProto tensor(String name, float[] values, long... dims) {
    return OnnxTensors.floats(name, values, dims);
  }

  static NodeProto node(
      String op, List<String> inputs, String output, AttributeProto... attributes) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName("/" + output + "/" + op)
        .addAllInput(inputs)
        .addOutput(output)
        .addAllAttribute(List.of(attributes))
        .build();
  }

  static AttributeProto ints(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  static AttributeProto floats(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  /** The graph as model bytes, its output named {@code output}. */
  static byte[] model(GraphProto.Builder graph, String output) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(output));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }
}
