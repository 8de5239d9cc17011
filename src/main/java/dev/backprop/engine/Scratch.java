package dev.backprop.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread reusable feedforward buffers for prediction. Allocating fresh large arrays (heap or
 * native) on every call costs more than the arithmetic on this kind of machine (page faults on new
 * memory), so each thread keeps one {@link Batch} per kernel, with buffers of up to {@link
 * #MAX_KEPT} floats each; bigger requests get fresh buffers. Nothing here is shared between
 * threads.
 */
final class Scratch {
  static final int MAX_KEPT = 1 << 18;
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private final Map<Kernel, Batch> batches = new HashMap<>(4);

  private Scratch() {}

  /** Feedforward buffers of {@code kernel} shaped for {@code rows} rows through these widths. */
  static Batch batch(Kernel kernel, int[] units, int rows) {
    for (int width : units) {
      if ((long) rows * width > MAX_KEPT) {
        return new Batch(kernel, false).prepare(units, rows);
      }
    }
    return LOCAL
        .get()
        .batches
        .computeIfAbsent(kernel, k -> new Batch(k, false))
        .prepare(units, rows);
  }
}
