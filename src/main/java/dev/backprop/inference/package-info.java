/**
 * The Open Inference Protocol (KServe V2) over REST: server and model metadata, health, model
 * readiness and {@code infer}, a thin adapter over {@link dev.backprop.prediction}. Bodies use the
 * protocol's snake_case names and errors are {@code { "error": "..." }}.
 */
package dev.backprop.inference;
