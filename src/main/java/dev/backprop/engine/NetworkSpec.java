package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A feedforward network definition: input width, layers (the last is the output layer), loss,
 * initialiser and seed. The constructor refuses definitions that cannot be trained, with an {@link
 * InvalidNetworkException} naming the field at fault; a null initializer becomes {@link
 * Initializer#defaultFor} the first layer's activation.
 */
public record NetworkSpec(
    int inputs, List<LayerSpec> layers, Loss loss, Initializer initializer, long seed) {

  public NetworkSpec {
    if (inputs < 1) {
      throw new InvalidNetworkException("inputs", "inputs must be at least 1, was " + inputs);
    }
    if (layers == null || layers.isEmpty()) {
      throw new InvalidNetworkException("layers", "a network needs at least one layer");
    }
    List<LayerSpec> copy = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      String path = "layers[" + i + "]";
      if (layer == null) {
        throw new InvalidNetworkException(path, path + " is missing");
      }
      if (layer.units() < 1) {
        throw new InvalidNetworkException(
            path + ".units", path + ".units must be at least 1, was " + layer.units());
      }
      Activation f = layer.activation();
      if (f == null) {
        throw new InvalidNetworkException(path + ".activation", path + ".activation is missing");
      }
      if (f == Activation.STEP) {
        throw new InvalidNetworkException(
            path + ".activation",
            "activation 'step' cannot be trained: its derivative is zero everywhere, so gradient"
                + " descent cannot learn through it");
      }
      if (f == Activation.SOFTMAX && i < layers.size() - 1) {
        throw new InvalidNetworkException(
            path + ".activation",
            "activation 'softmax' is allowed on the output layer only (layers["
                + (layers.size() - 1)
                + "]); use relu, tanh or another element-wise activation in hidden layers");
      }
      copy.add(layer);
    }
    layers = List.copyOf(copy);
    if (loss == null) {
      throw new InvalidNetworkException("loss", "loss is missing");
    }
    Activation out = layers.get(layers.size() - 1).activation();
    String outPath = "layers[" + (layers.size() - 1) + "].activation";
    if (loss == Loss.CROSS_ENTROPY && out != Activation.SOFTMAX) {
      throw new InvalidNetworkException(
          "loss",
          "loss 'cross_entropy' needs a softmax output layer, but "
              + outPath
              + " is '"
              + out.apiName()
              + "'");
    }
    if (loss == Loss.BINARY_CROSS_ENTROPY && out != Activation.SIGMOID) {
      throw new InvalidNetworkException(
          "loss",
          "loss 'binary_cross_entropy' needs a sigmoid output layer, but "
              + outPath
              + " is '"
              + out.apiName()
              + "'");
    }
    if (out == Activation.SOFTMAX && loss != Loss.CROSS_ENTROPY) {
      throw new InvalidNetworkException(
          "loss",
          "a softmax output layer ("
              + outPath
              + ") needs loss 'cross_entropy', not '"
              + loss.apiName()
              + "': with '"
              + loss.apiName()
              + "' the softmax Jacobian couples all outputs and its gradient vanishes as outputs"
              + " saturate; cross_entropy gives the simple, well-conditioned delta a - y");
    }
    if (initializer == null) {
      initializer = Initializer.defaultFor(layers.get(0).activation());
    }
  }

  /** Number of outputs (units of the last layer). */
  public int outputs() {
    return layers.get(layers.size() - 1).units();
  }

  /** Activation of the output layer. */
  public Activation outputActivation() {
    return layers.get(layers.size() - 1).activation();
  }

  /** Units of layer l (0 = inputs, 1..L = layers). */
  int units(int l) {
    return l == 0 ? inputs : layers.get(l - 1).units();
  }

  /**
   * Total weights and biases, Σ units_l·(units_{l−1} + 1), in long arithmetic; saturates at {@link
   * Long#MAX_VALUE} instead of overflowing.
   */
  public long parameterCount() {
    long total = 0;
    long fanIn = inputs;
    try {
      for (LayerSpec layer : layers) {
        total = Math.addExact(total, Math.multiplyExact((long) layer.units(), fanIn + 1));
        fanIn = layer.units();
      }
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
    return total;
  }

  /**
   * True for classifiers: a softmax output with more than one unit, or a sigmoid output with
   * binary_cross_entropy.
   */
  public boolean isClassifier() {
    Activation out = outputActivation();
    return (out == Activation.SOFTMAX && outputs() > 1)
        || (out == Activation.SIGMOID && loss == Loss.BINARY_CROSS_ENTROPY);
  }

  /**
   * Checks caller-given limits before anything is allocated: every width (inputs and each layer's
   * units) at most {@code maxUnitsPerLayer}, and {@link #parameterCount()} at most {@code
   * maxParameters}.
   */
  public void checkLimits(int maxUnitsPerLayer, long maxParameters) {
    if (inputs > maxUnitsPerLayer) {
      throw new InvalidNetworkException(
          "inputs", "inputs is " + inputs + ", more than the limit of " + maxUnitsPerLayer);
    }
    for (int i = 0; i < layers.size(); i++) {
      int units = layers.get(i).units();
      if (units > maxUnitsPerLayer) {
        throw new InvalidNetworkException(
            "layers[" + i + "].units",
            "layers["
                + i
                + "].units is "
                + units
                + ", more than the limit of "
                + maxUnitsPerLayer
                + " units per layer");
      }
    }
    long count = parameterCount();
    if (count > maxParameters) {
      throw new InvalidNetworkException(
          "layers",
          "the network has "
              + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(count))
              + " parameters, more than the limit of "
              + maxParameters);
    }
  }
}
