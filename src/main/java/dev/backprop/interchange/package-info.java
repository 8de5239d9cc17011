/**
 * Model interchange with ONNX: a trained version as an ONNX graph ({@link
 * dev.backprop.interchange.OnnxExporter}), and an ONNX graph of fully connected layers as the
 * engine's parameters ({@link dev.backprop.interchange.OnnxImporter}). The Java classes of the ONNX
 * format (package {@code onnx}) are generated at build time from {@code src/main/proto/onnx.proto};
 * no code here writes protobuf by hand.
 */
package dev.backprop.interchange;
