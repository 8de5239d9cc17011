package dev.backprop.engine;

/**
 * A trained network: its definition, parameters and the input standardisation (null when inputs are
 * used as given).
 */
public record Model(NetworkSpec spec, Parameters parameters, Standardization standardization) {
  public Model {
    if (spec == null || parameters == null) {
      throw new IllegalArgumentException("a model needs a spec and parameters");
    }
    if (!parameters.matches(spec)) {
      throw new IllegalArgumentException(
          "parameters " + parameters + " do not match the network definition");
    }
    if (standardization != null && standardization.width() != spec.inputs()) {
      throw new IllegalArgumentException(
          "standardization has "
              + standardization.width()
              + " columns but the network has "
              + spec.inputs()
              + " inputs");
    }
  }
}
