package dev.backprop.interchange;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;
import onnx.Onnx.ModelProto;
import onnx.Onnx.StringStringEntryProto;

/**
 * Reads an ONNX model of fully connected layers into the engine's terms: what {@code
 * torch.onnx.export} writes for an {@code nn.Sequential} of {@code Linear} layers and activations,
 * and what {@link OnnxExporter} writes. Everything else is refused with an exception that names the
 * node and its operator (see {@link GraphWalker}).
 */
final class OnnxImporter {

  private OnnxImporter() {}

  static ImportedGraph read(byte[] body) {
    if (body == null || body.length == 0) {
      throw Refusals.body(
          "is empty; send the bytes of an ONNX model (Content-Type: application/octet-stream)");
    }
    ModelProto model;
    try {
      model = ModelProto.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw Refusals.body("is not an ONNX model (truncated or not protobuf): " + e.getMessage());
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw Refusals.body("is not an ONNX model: it holds no graph of nodes");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      metadata.put(entry.getKey(), entry.getValue());
    }
    return new GraphWalker(model.getGraph()).walk(metadata);
  }
}
