package dev.backprop.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-thread reusable buffers for prediction. Allocating fresh large arrays (heap or native) on
 * every call costs more than the arithmetic on this kind of machine (page faults on new memory), so
 * each thread keeps its own buffers up to {@link #MAX_KEPT} floats each; bigger requests get fresh
 * arrays. Nothing here is shared between threads.
 */
final class Scratch {
  static final int MAX_KEPT = 1 << 18;
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private float[][] heap = new float[8][];
  private final Map<Long, INDArray> nd4j = new HashMap<>();

  static Scratch get() {
    return LOCAL.get();
  }

  /** A heap buffer of at least {@code size} floats for {@code slot}; contents undefined. */
  float[] floats(int slot, int size) {
    if (size > MAX_KEPT) {
      return new float[size];
    }
    if (slot >= heap.length) {
      heap = java.util.Arrays.copyOf(heap, Math.max(slot + 1, heap.length * 2));
    }
    float[] buffer = heap[slot];
    if (buffer == null || buffer.length < size) {
      buffer = new float[size];
      heap[slot] = buffer;
    }
    return buffer;
  }

  /** A native rows × cols float array for {@code slot}; contents undefined. */
  INDArray array(int rows, int cols, int slot) {
    if ((long) rows * cols > MAX_KEPT) {
      return Nd4j.create(DataType.FLOAT, rows, cols);
    }
    long key = ((long) rows << 32) | ((long) cols << 4) | slot;
    INDArray a = nd4j.get(key);
    if (a == null) {
      if (nd4j.size() >= 32) {
        nd4j.clear();
      }
      a = Nd4j.create(DataType.FLOAT, rows, cols);
      nd4j.put(key, a);
    }
    return a;
  }
}
