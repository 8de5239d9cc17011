package dev.backprop.inference;

/**
 * Every failure of a {@code /v2} endpoint, as the protocol defines it.
 *
 * @param error what went wrong
 */
public record InferenceError(String error) {}
