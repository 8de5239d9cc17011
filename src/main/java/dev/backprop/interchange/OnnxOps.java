package dev.backprop.interchange;

import dev.backprop.engine.Activation;
import java.util.Map;
import java.util.Optional;

/** The ONNX operator of each activation, both ways. Identity has none: no node is written. */
final class OnnxOps {

  static final String GEMM = "Gemm";
  static final String MATMUL = "MatMul";
  static final String ADD = "Add";
  static final String SUB = "Sub";
  static final String DIV = "Div";
  static final String FLATTEN = "Flatten";
  static final String CONSTANT = "Constant";
  static final String SOFTMAX = "Softmax";
  static final String LEAKY_RELU = "LeakyRelu";

  private static final Map<String, Activation> ACTIVATIONS =
      Map.of(
          "Relu",
          Activation.RELU,
          LEAKY_RELU,
          Activation.LEAKY_RELU,
          "Sigmoid",
          Activation.SIGMOID,
          "Tanh",
          Activation.TANH,
          "Atan",
          Activation.ARCTAN,
          SOFTMAX,
          Activation.SOFTMAX);

  /** What an imported graph may hold, for the message that refuses anything else. */
  static final String ACCEPTED =
      "a chain of Gemm (or MatMul then Add) layers, each followed by Relu, LeakyRelu (alpha 0.01),"
          + " Sigmoid, Tanh, Atan, Softmax (last axis) or nothing, optionally after a Flatten and"
          + " a Sub then Div by constants";

  private OnnxOps() {}

  /** The operator that computes {@code f}, empty for identity (the layer's sum is its output). */
  static Optional<String> of(Activation f) {
    return switch (f) {
      case RELU -> Optional.of("Relu");
      case LEAKY_RELU -> Optional.of(LEAKY_RELU);
      case SIGMOID -> Optional.of("Sigmoid");
      case TANH -> Optional.of("Tanh");
      case ARCTAN -> Optional.of("Atan");
      case SOFTMAX -> Optional.of(SOFTMAX);
      case IDENTITY -> Optional.empty();
      case STEP -> throw new IllegalArgumentException("a network never holds 'step'");
    };
  }

  /** The activation an operator computes, empty if it is not an activation. */
  static Optional<Activation> activation(String op) {
    return Optional.ofNullable(ACTIVATIONS.get(op));
  }
}
