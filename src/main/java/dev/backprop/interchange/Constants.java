package dev.backprop.interchange;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorProto.DataType;

/**
 * The constant tensors of a graph: its initializers and the outputs of its {@code Constant} nodes
 * (PyTorch writes some constants one way, some the other). Values are decoded only when a node uses
 * them, so unused initializers cost nothing.
 */
final class Constants {

  /** A decoded constant: its shape and its values as float32, row-major. */
  record Value(long[] dims, float[] values) {
    int rank() {
      return dims.length;
    }
  }

  private final Map<String, TensorProto> tensors = new HashMap<>();

  void add(TensorProto tensor) {
    tensors.put(tensor.getName(), tensor);
  }

  /** Registers a {@code Constant} node's output; false if it holds no tensor this reads. */
  boolean addNode(NodeProto node) {
    if (node.getOutputCount() != 1) {
      return false;
    }
    for (AttributeProto a : node.getAttributeList()) {
      TensorProto.Builder t = TensorProto.newBuilder().setName(node.getOutput(0));
      switch (a.getName()) {
        case "value" -> t.mergeFrom(a.getT()).setName(node.getOutput(0));
        case "value_float" -> t.setDataType(DataType.FLOAT.getNumber()).addFloatData(a.getF());
        case "value_floats" ->
            t.setDataType(DataType.FLOAT.getNumber())
                .addDims(a.getFloatsCount())
                .addAllFloatData(a.getFloatsList());
        default -> {
          return false;
        }
      }
      add(t.build());
      return true;
    }
    return false;
  }

  boolean contains(String name) {
    return tensors.containsKey(name);
  }

  /**
   * The constant called {@code name}, decoded.
   *
   * @throws IllegalArgumentException if there is none, or it cannot be read as floats
   */
  Value get(String name) {
    TensorProto tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException(
          "takes '" + name + "', which is not a constant (an initializer or a Constant node)");
    }
    try {
      return new Value(OnnxTensors.dims(tensor), OnnxTensors.values(tensor));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "takes the constant '" + name + "', which " + e.getMessage());
    }
  }

  /** An integer attribute of a node, or its default. */
  static long intAttribute(NodeProto node, String name, long otherwise) {
    return attribute(node, name).map(AttributeProto::getI).orElse(otherwise);
  }

  /** A float attribute of a node, or its default. */
  static float floatAttribute(NodeProto node, String name, float otherwise) {
    return attribute(node, name).map(AttributeProto::getF).orElse(otherwise);
  }

  private static Optional<AttributeProto> attribute(NodeProto node, String name) {
    return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
  }
}
