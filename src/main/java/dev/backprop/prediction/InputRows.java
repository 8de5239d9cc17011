package dev.backprop.prediction;

/**
 * A request's checked rows, as the feedforward takes them.
 *
 * @param values rows × inputs values, row-major
 * @param rows how many rows
 */
public record InputRows(float[] values, int rows) {}
