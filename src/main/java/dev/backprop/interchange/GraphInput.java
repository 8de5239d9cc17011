package dev.backprop.interchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.TensorProto.DataType;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * The one input of an imported graph that is not a constant: its name and its shape, where known (a
 * dimension may be symbolic, a shape may be missing). Older exporters also list the initializers
 * among the inputs; those are not counted.
 *
 * @param index its position among the graph's inputs
 * @param dims its dimensions, null where symbolic; null if the graph gives no shape
 */
record GraphInput(String name, int index, List<Long> dims) {

  static GraphInput of(GraphProto graph) {
    Set<String> constants = new HashSet<>();
    graph.getInitializerList().forEach(t -> constants.add(t.getName()));
    GraphInput found = null;
    for (int i = 0; i < graph.getInputCount(); i++) {
      ValueInfoProto input = graph.getInput(i);
      if (constants.contains(input.getName())) {
        continue;
      }
      if (found != null) {
        throw Refusals.graph(
            "graph.input[" + i + "]",
            "the graph has a second input '"
                + input.getName()
                + "'; a network takes one input, the rows");
      }
      found = new GraphInput(input.getName(), i, dims(input, i));
    }
    if (found == null) {
      throw Refusals.graph("graph.input", "the graph has no input");
    }
    return found;
  }

  private static List<Long> dims(ValueInfoProto input, int index) {
    TypeProto type = input.getType();
    if (!type.hasTensorType()) {
      throw Refusals.graph(field(index), "input '" + input.getName() + "' is not a tensor");
    }
    int elem = type.getTensorType().getElemType();
    if (elem != DataType.FLOAT.getNumber() && elem != DataType.DOUBLE.getNumber()) {
      DataType named = DataType.forNumber(elem);
      throw Refusals.graph(
          field(index),
          "input '"
              + input.getName()
              + "' holds "
              + (named == null ? "type " + elem : named.name())
              + " values; a network takes float32 (or float64) rows");
    }
    if (!type.getTensorType().hasShape()) {
      return null;
    }
    List<Long> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension d : type.getTensorType().getShape().getDimList()) {
      dims.add(d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : null);
    }
    return dims;
  }

  /** The width of a row, -1 if the graph does not say (the first layer will). */
  int width() {
    return dims != null && dims.size() == 2 && dims.get(1) != null ? checked(dims.get(1)) : -1;
  }

  /** The width of a row after {@code Flatten(axis=1)}: the product of all but the first dims. */
  int flattenedWidth() {
    if (dims == null) {
      return -1;
    }
    if (dims.size() < 2) {
      throw rank();
    }
    long width = 1;
    for (Long d : dims.subList(1, dims.size())) {
      if (d == null) {
        return -1;
      }
      width = Math.min(width * d, Integer.MAX_VALUE);
    }
    return checked(width);
  }

  /** Refuses an input that is not rows, [N, inputs]. */
  void requireRows() {
    if (dims != null && dims.size() != 2) {
      throw rank();
    }
  }

  private RuntimeException rank() {
    List<String> shown = dims.stream().map(d -> d == null ? "?" : d.toString()).toList();
    return Refusals.graph(
        field(index),
        "input '"
            + name
            + "' has shape "
            + shown
            + " (rank "
            + dims.size()
            + "); a network takes rows of shape [N, inputs] (rank 2), or a Flatten of them");
  }

  private static int checked(long width) {
    return (int) Math.min(width, Integer.MAX_VALUE);
  }

  private static String field(int index) {
    return "graph.input[" + index + "]";
  }
}
