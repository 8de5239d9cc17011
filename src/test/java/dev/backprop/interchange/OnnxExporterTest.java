package dev.backprop.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Model;
import dev.backprop.engine.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every export, run in onnxruntime, computes what the engine's Predictor computes. */
class OnnxExporterTest {

  static final double TOLERANCE = 1e-5;

  /** Every valid output activation with its losses. */
  static final List<Object[]> OUTPUTS =
      List.of(
          new Object[] {Activation.SOFTMAX, Loss.CROSS_ENTROPY},
          new Object[] {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY},
          new Object[] {Activation.SIGMOID, Loss.QUADRATIC},
          new Object[] {Activation.TANH, Loss.QUADRATIC},
          new Object[] {Activation.RELU, Loss.QUADRATIC},
          new Object[] {Activation.LEAKY_RELU, Loss.QUADRATIC},
          new Object[] {Activation.ARCTAN, Loss.QUADRATIC},
          new Object[] {Activation.IDENTITY, Loss.QUADRATIC});

  static final List<Activation> HIDDEN =
      List.of(
          Activation.SIGMOID,
          Activation.TANH,
          Activation.RELU,
          Activation.LEAKY_RELU,
          Activation.ARCTAN,
          Activation.IDENTITY);

  static Stream<Arguments> everyActivationAndLoss() {
    List<Arguments> cases = new ArrayList<>();
    for (Object[] out : OUTPUTS) {
      for (boolean standardized : new boolean[] {false, true}) {
        cases.add(Arguments.of(1, Activation.IDENTITY, out[0], out[1], standardized));
        for (int layers : new int[] {2, 4}) {
          for (Activation hidden : HIDDEN) {
            cases.add(Arguments.of(layers, hidden, out[0], out[1], standardized));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} layers, hidden {1}, output {2}, {3}, standardized {4}")
  @MethodSource("everyActivationAndLoss")
  void onnxruntimeComputesWhatThePredictorComputes(
      int layers, Activation hidden, Activation output, Loss loss, boolean standardized) {
    long seed = 31L * layers + hidden.ordinal() * 7L + output.ordinal() + (standardized ? 1000 : 0);
    Model model = RandomModels.model(5, layers, hidden, output, loss, standardized, seed);
    float[][] rows = RandomModels.rows(64, 5, seed + 1);

    float[][] expected = Predictor.predict(model, rows);
    float[][] actual = OnnxRuntime.run(OnnxExporter.export(model, "net", Map.of()), rows);

    assertThat(actual).hasNumberOfRows(rows.length);
    for (int r = 0; r < rows.length; r++) {
      assertThat(actual[r]).hasSize(model.spec().outputs());
      for (int j = 0; j < actual[r].length; j++) {
        assertThat((double) actual[r][j]).isCloseTo(expected[r][j], within(TOLERANCE));
      }
    }
  }

  @Test
  void graphHasASymbolicBatchOneGemmPerLayerAndTheMetadata() throws Exception {
    Model model =
        RandomModels.model(
            4, 2, Activation.LEAKY_RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, true, 5);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("network", "iris");
    metadata.put("version", "1");
    byte[] bytes = OnnxExporter.export(model, "iris", metadata);

    ModelProto onnx = ModelProto.parseFrom(bytes);
    assertThat(onnx.getProducerName()).isEqualTo("backprop");
    assertThat(onnx.getOpsetImport(0).getVersion()).isGreaterThanOrEqualTo(13);
    assertThat(onnx.getGraph().getNodeList().stream().map(NodeProto::getOpType))
        .containsExactly("Sub", "Div", "Gemm", "LeakyRelu", "Gemm", "Softmax");
    NodeProto leaky = onnx.getGraph().getNode(3);
    assertThat(leaky.getAttribute(0).getF()).isEqualTo(0.01f);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
      TensorInfo input = (TensorInfo) session.getInputInfo().get("input").getInfo();
      TensorInfo output = (TensorInfo) session.getOutputInfo().get("output").getInfo();
      assertThat(input.getShape()).containsExactly(-1, 4);
      assertThat(output.getShape()).containsExactly(-1, 3);
      assertThat(input.type.toString()).isEqualTo("FLOAT");
      assertThat(session.getMetadata().getProducerName()).isEqualTo("backprop");
      assertThat(session.getMetadata().getCustomMetadata()).isEqualTo(metadata);
    }
  }
}
