/**
 * The engine: feedforward networks trained by backpropagation, pure Java + ND4J, no Spring.
 *
 * <p>Public API: {@link dev.backprop.engine.NetworkSpec} (with {@link
 * dev.backprop.engine.LayerSpec}, {@link dev.backprop.engine.Activation}, {@link
 * dev.backprop.engine.Loss}, {@link dev.backprop.engine.Initializer}), {@link
 * dev.backprop.engine.Parameters}, {@link dev.backprop.engine.Standardization}, {@link
 * dev.backprop.engine.Model}, {@link dev.backprop.engine.Trainer} (with {@link
 * dev.backprop.engine.TrainingConfig}, {@link dev.backprop.engine.TrainingData}, {@link
 * dev.backprop.engine.Optimizer}, {@link dev.backprop.engine.EarlyStopping}), {@link
 * dev.backprop.engine.Predictor}, {@link dev.backprop.engine.ModelCodec} and {@link
 * dev.backprop.engine.Engine#initialize()}.
 *
 * <p>Two computation paths give the same results within float32 tolerance: plain Java loops for the
 * tiniest layers ({@code Network}) and OpenBLAS sgemm on preallocated ND4J buffers for the rest
 * ({@code Nd4jTrainingPath}); {@code Paths} chooses by measured work. Speed: {@code ./mvnw -B -q
 * -Pbench test-compile} runs {@code dev.backprop.engine.bench.EngineBenchmark}.
 */
package dev.backprop.engine;
