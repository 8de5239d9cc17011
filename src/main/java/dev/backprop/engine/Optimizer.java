package dev.backprop.engine;

/**
 * Update rules, g being the gradient (plus λw for weights with L2). sgd: w ← w − η g. momentum
 * (classical): v ← μ v − η g, w ← w + v. adam: β1 0.9, β2 0.999, ε 1e-8 with bias correction, w ← w
 * − η m̂ / (√v̂ + ε). Each is one class ({@code SgdUpdate}, {@code MomentumUpdate}, {@code
 * AdamUpdate}) holding its state outside the network.
 */
public enum Optimizer implements ApiNamed {
  SGD,
  MOMENTUM,
  ADAM;

  public static final double ADAM_BETA1 = 0.9;
  public static final double ADAM_BETA2 = 0.999;
  public static final double ADAM_EPSILON = 1e-8;

  public static Optimizer fromName(String name) {
    return ApiNamed.parse(Optimizer.class, name, "optimizer");
  }
}
