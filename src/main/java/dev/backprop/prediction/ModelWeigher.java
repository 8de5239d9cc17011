package dev.backprop.prediction;

import com.github.benmanes.caffeine.cache.Weigher;
import dev.backprop.engine.Model;
import dev.backprop.network.TrainedVersion;

/**
 * A cached version's weight: the bytes of its parameters as the engine holds them (float32 weights
 * and biases, and a transposed copy of the weights that the Java kernel predicts from) and of its
 * standardization (a float32 mean and deviation per input). What a model costs beyond that (the
 * objects around the arrays, the kernel's matrix views of the same arrays) is small next to them
 * for any model worth caching by size; a large model served by the native kernel also has an
 * off-heap copy of its weights, not counted here (see the cache sizing notes in
 * docs/operations.md).
 */
final class ModelWeigher implements Weigher<Long, TrainedVersion> {

  static final ModelWeigher INSTANCE = new ModelWeigher();

  private ModelWeigher() {}

  @Override
  public int weigh(Long id, TrainedVersion version) {
    return (int) Math.min(Integer.MAX_VALUE, bytes(version.model()));
  }

  /** The model's parameter (weights twice) and standardization bytes. */
  static long bytes(Model model) {
    long values = model.spec().parameterCount();
    int fanIn = model.spec().inputs();
    for (var layer : model.spec().layers()) {
      values += (long) fanIn * layer.units();
      fanIn = layer.units();
    }
    if (model.standardization() != null) {
      values += 2L * model.spec().inputs();
    }
    return Float.BYTES * values;
  }
}
