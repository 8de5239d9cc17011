package dev.backprop.interchange;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/** Runs ONNX bytes in onnxruntime, as a client of the service would run an export. */
final class OnnxRuntime {

  private OnnxRuntime() {}

  /** The graph's {@code output} for {@code rows} fed as its {@code input}. */
  static float[][] run(byte[] onnx, float[][] rows) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, rows);
        OrtSession.Result result = session.run(Map.of("input", input))) {
      return (float[][]) result.get("output").orElseThrow().getValue();
    } catch (OrtException e) {
      throw new IllegalStateException("onnxruntime refused the model: " + e.getMessage(), e);
    }
  }
}
