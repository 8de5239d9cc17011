package dev.backprop.interchange;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import onnx.Onnx.NodeProto;

/** The refusals of an import, each naming the part of the model at fault. */
final class Refusals {

  private Refusals() {}

  /** The body is no ONNX model at all. */
  static InvalidFieldException body(String message) {
    return new InvalidFieldException(Subject.INPUT, "body", message);
  }

  /** A part of the graph that is not a node (its input, output, or the graph as a whole). */
  static InvalidFieldException graph(String field, String message) {
    return new InvalidFieldException(Subject.NETWORK, field, message);
  }

  /** Node {@code index}: the message follows its name and operator. */
  static InvalidFieldException node(int index, NodeProto node, String message) {
    return new InvalidFieldException(
        Subject.NETWORK, "graph.node[" + index + "]", describe(index, node) + " " + message);
  }

  /** {@code node '/0/Gemm' (Gemm)}, or {@code node 3 (Gemm)} when it has no name. */
  static String describe(int index, NodeProto node) {
    String name = node.getName().isEmpty() ? String.valueOf(index) : "'" + node.getName() + "'";
    return "node " + name + " (" + node.getOpType() + ")";
  }
}
