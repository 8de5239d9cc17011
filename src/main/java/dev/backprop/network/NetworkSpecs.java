package dev.backprop.network;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.InvalidNetworkException;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.web.LimitsProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a client's {@link NetworkDefinition} into the engine's {@link NetworkSpec}, checking the
 * configured limits before anything is allocated. Every refusal names the field at fault.
 */
final class NetworkSpecs {

  private NetworkSpecs() {}

  static NetworkSpec toSpec(NetworkDefinition definition, LimitsProperties limits) {
    int inputs = inputs(definition, limits);
    List<LayerDefinition> layers = definition.layers();
    if (layers.size() > limits.maxLayers()) {
      throw new LimitExceededException(
          Limit.VALUE,
          "layers",
          "at most "
              + limits.maxLayers()
              + " layers are allowed (backprop.limits.max-layers), got "
              + layers.size());
    }
    List<LayerSpec> specs = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      LayerDefinition layer = layers.get(i);
      if (layer.units() > limits.maxUnitsPerLayer()) {
        throw new LimitExceededException(
            Limit.VALUE,
            "layers[" + i + "].units",
            "at most "
                + limits.maxUnitsPerLayer()
                + " units per layer are allowed (backprop.limits.max-units-per-layer), got "
                + layer.units());
      }
      Activation activation =
          parse("layers[" + i + "].activation", layer.activation(), Activation::fromName);
      specs.add(new LayerSpec(layer.units(), activation));
    }
    Loss loss = parse("loss", definition.loss(), Loss::fromName);
    Initializer initializer =
        definition.initializer() == null
            ? null
            : parse("initializer", definition.initializer(), Initializer::fromName);
    NetworkSpec spec;
    try {
      spec = new NetworkSpec(inputs, specs, loss, initializer, definition.seed());
    } catch (InvalidNetworkException e) {
      throw new InvalidFieldException(Subject.NETWORK, e.field(), e.getMessage());
    }
    // Counted from the widths alone (the spec holds no parameters), so refused before allocation.
    long parameters = spec.parameterCount();
    if (parameters > limits.maxParameters()) {
      throw new LimitExceededException(
          Limit.VALUE,
          "layers",
          "at most "
              + limits.maxParameters()
              + " parameters (weights and biases) are allowed (backprop.limits.max-parameters),"
              + " the network has "
              + (parameters == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : parameters));
    }
    checkLabels(definition, spec);
    return spec;
  }

  private static int inputs(NetworkDefinition definition, LimitsProperties limits) {
    List<String> features = definition.features();
    if (definition.inputs() == null && features == null) {
      throw invalid("inputs", "give the number of inputs, or name them in 'features'");
    }
    if (features != null) {
      if (features.isEmpty()) {
        throw invalid("features", "must name at least one input");
      }
      if (new HashSet<>(features).size() != features.size()) {
        throw invalid("features", "must not repeat a name");
      }
      if (definition.inputs() != null && definition.inputs() != features.size()) {
        throw invalid(
            "inputs",
            "is " + definition.inputs() + " but 'features' names " + features.size() + " inputs");
      }
    }
    int inputs = definition.inputs() != null ? definition.inputs() : features.size();
    if (inputs > limits.maxUnitsPerLayer()) {
      throw new LimitExceededException(
          Limit.VALUE,
          "inputs",
          "at most "
              + limits.maxUnitsPerLayer()
              + " inputs are allowed (backprop.limits.max-units-per-layer), got "
              + inputs);
    }
    return inputs;
  }

  private static void checkLabels(NetworkDefinition definition, NetworkSpec spec) {
    List<String> labels = definition.labels();
    if (labels == null) {
      return;
    }
    int outputs = spec.outputs();
    if (outputs == 1 && labels.size() == 2 && spec.isClassifier()) {
      return; // A single sigmoid unit: labels name the classes 0 and 1.
    }
    if (labels.size() != outputs) {
      throw invalid(
          "labels",
          "has " + labels.size() + " labels but the output layer has " + outputs + " units");
    }
    if (new HashSet<>(labels).size() != labels.size()) {
      throw invalid("labels", "must not repeat a label");
    }
  }

  private static <T> T parse(String field, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(Subject.NETWORK, field, e.getMessage());
    }
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.NETWORK, field, message);
  }
}
