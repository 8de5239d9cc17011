package dev.backprop.engine;

/** One layer: its number of units (neurons) and activation. Validated by {@link NetworkSpec}. */
public record LayerSpec(int units, Activation activation) {}
