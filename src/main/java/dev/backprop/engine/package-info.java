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
 * dev.backprop.engine.Predictor} (with {@link dev.backprop.engine.Trace}), {@link
 * dev.backprop.engine.ModelCodec}, {@link dev.backprop.engine.ApiNamed} and {@link
 * dev.backprop.engine.Engine#initialize()}.
 *
 * <p>The math, once. Layers are numbered l = 1..L; a^0 is the input x. Feedforward: s^l = W^l
 * a^(l−1) + b^l, a^l = f(s^l). Backpropagation: BP1 δ^L = ∂J/∂a^L ⊙ f'(s^L); BP2 δ^l = ((W^(l+1))^T
 * δ^(l+1)) ⊙ f'(s^l); BP3 ∂J/∂b^l = δ^l; BP4 ∂J/∂W^l = δ^l (a^(l−1))^T, each averaged over the
 * batch. {@code Propagation} holds the one feedforward and the one backward pass, written with
 * these names; {@code SgdUpdate}, {@code MomentumUpdate} and {@code AdamUpdate} are the optimisers.
 * Inside the engine every array indexed by layer uses l = 1..L (slot 0 unused, or the input for a);
 * the public accessors of {@code Parameters} and {@code NetworkSpec.layers()} take the position in
 * the list of layers, which is l − 1.
 *
 * <p>Two kernels do the arithmetic and give the same results within float32 rounding: plain Java
 * loops for small layers ({@code JavaKernel}) and OpenBLAS sgemm on native buffers for the rest
 * ({@code BlasKernel}); {@code KernelChoice} picks one by the measured work per batch. Speed:
 * {@code ./mvnw -B -q -Pbench test-compile} runs {@code dev.backprop.engine.bench.EngineBenchmark}.
 */
package dev.backprop.engine;
