package dev.backprop.web;

/**
 * Every failure of an Open Inference Protocol ({@code /v2}) endpoint, as the protocol defines it.
 *
 * @param error what went wrong
 */
public record OpenInferenceError(String error) {}
