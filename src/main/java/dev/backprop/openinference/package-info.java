/**
 * The Open Inference Protocol (KServe V2) over REST, after which the package is named: server and
 * model metadata, health, model readiness and {@code infer}, a thin adapter over {@link
 * dev.backprop.prediction}; and the Triton extensions its clients use: binary tensor data, the
 * model configuration and the statistics. Bodies use the protocol's snake_case names; errors are
 * the protocol's {@code { "error": "..." }}, written in {@code dev.backprop.web} for the
 * controllers marked {@link dev.backprop.web.OpenInferenceApi}.
 */
package dev.backprop.openinference;
