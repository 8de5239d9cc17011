package dev.backprop.engine;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A row-major rows × cols float matrix of a {@link Kernel}: one example per row for batches, {@code
 * W[j*cols + k]} = w_jk for weights.
 *
 * <p>Its values live in a heap array. Under {@link BlasKernel} they also live in a native buffer
 * that sgemm reads and writes; the two copies are kept in step lazily: whichever side an operation
 * writes becomes the newer one, and the other side is refreshed (one bulk copy of {@code rows ×
 * cols} floats) only when an operation reads it. So a layer's s, computed by sgemm, is copied to
 * the heap once for its bias and activation, and its a is copied back once for the next sgemm.
 * Reading never changes anything when both sides are current, which is what makes a shared,
 * read-only matrix (a model's weights) safe to use from many threads.
 *
 * <p>The shape can change within the capacity ({@link #reshape}), which lets buffers be reused for
 * batches of different sizes.
 */
final class Matrix {
  private static final byte CURRENT = 0;
  private static final byte HEAP_NEWER = 1;
  private static final byte NATIVE_NEWER = 2;

  private final float[] heap;
  private final Object nativeOwner; // keeps the native memory alive; null: heap only
  private final FloatPointer pointer;
  private final FloatBuffer nio;
  private int rows;
  private int cols;
  private byte state = CURRENT;
  private final byte afterHeapWrite; // HEAP_NEWER with a native side, CURRENT without

  private Matrix(
      float[] heap, int rows, int cols, Object nativeOwner, FloatPointer pointer, FloatBuffer nio) {
    if (rows < 0 || cols < 0 || (long) rows * cols > heap.length) {
      throw new IllegalArgumentException(rows + " x " + cols + " does not fit in " + heap.length);
    }
    this.heap = heap;
    this.rows = rows;
    this.cols = cols;
    this.nativeOwner = nativeOwner;
    this.afterHeapWrite = nativeOwner != null ? HEAP_NEWER : CURRENT;
    this.pointer = pointer;
    this.nio = nio;
  }

  /** A heap-only matrix over {@code values} (not copied). */
  static Matrix onHeap(float[] values, int rows, int cols) {
    return new Matrix(values, rows, cols, null, null, null);
  }

  /**
   * A matrix over {@code values} (not copied) mirrored in native memory ({@code owner}, seen
   * through {@code pointer} and {@code nio}) that already holds the same values.
   */
  static Matrix mirrored(
      float[] values, int rows, int cols, Object owner, FloatPointer pointer, FloatBuffer nio) {
    return new Matrix(values, rows, cols, owner, pointer, nio);
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  int size() {
    return rows * cols;
  }

  int capacity() {
    return heap.length;
  }

  /** True when the native buffer holds values the heap array has not seen yet. */
  boolean nativeIsNewer() {
    return state == NATIVE_NEWER;
  }

  /** New shape within the capacity; the values are undefined until written. */
  void reshape(int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols > heap.length) {
      throw new IllegalArgumentException(rows + " x " + cols + " exceeds " + heap.length);
    }
    this.rows = rows;
    this.cols = cols;
    state = CURRENT;
  }

  // The accessors below are kept tiny and free of branches on the kind of matrix (the copies are
  // out of line), so they inline everywhere and compiled code does not depend on which kernel ran
  // first.

  /** The heap values, current, for reading. */
  float[] read() {
    if (state == NATIVE_NEWER) {
      pull();
    }
    return heap;
  }

  /** The heap values, current, to be updated in place. */
  float[] write() {
    if (state == NATIVE_NEWER) {
      pull();
    }
    state = afterHeapWrite;
    return heap;
  }

  /** The heap array, to be overwritten entirely (its first {@link #size()} values). */
  float[] overwrite() {
    state = afterHeapWrite;
    return heap;
  }

  /** The native values, current, for reading. */
  FloatPointer nativeRead() {
    if (state != CURRENT || pointer == null) {
      prepareNativeRead();
    }
    return pointer;
  }

  /**
   * Brings the native side up to date now if the heap side is newer, so that later {@link
   * #nativeRead()} calls change nothing (and may run on many threads at once). No-op without a
   * native side.
   */
  void settleNative() {
    if (pointer != null && state == HEAP_NEWER) {
      prepareNativeRead();
    }
  }

  /** The native values, current, to be updated in place. */
  FloatPointer nativeWrite() {
    nativeRead();
    state = NATIVE_NEWER;
    return pointer;
  }

  /** The native buffer, to be overwritten entirely. */
  FloatPointer nativeOverwrite() {
    requireNative();
    state = NATIVE_NEWER;
    return pointer;
  }

  // The copies go through JavaCPP's native get/put rather than the NIO buffer: the same memcpy,
  // but one call that the JIT does not inline, which keeps the compiled code of every kernel
  // operation small (and quick to compile when a process switches kernels).

  private void pull() {
    pointer.get(heap, 0, size());
    state = CURRENT;
  }

  private void prepareNativeRead() {
    requireNative();
    if (state == HEAP_NEWER) {
      pointer.put(heap, 0, size());
      state = CURRENT;
    }
  }

  private void requireNative() {
    if (pointer == null) {
      throw new IllegalStateException("this matrix has no native buffer (it is not BlasKernel's)");
    }
  }

  // A range phase: several threads each update their own range of the same matrices at once
  // (BatchSplit's gradient sum and optimiser step). Whole-matrix copies between the sides would
  // race there, so the phase begins with prepareRanges() on one thread, which makes the native
  // side the newest once and for all; the range methods then copy only their own range and never
  // touch the state.

  /**
   * Before a range phase (on one thread): the native side, if any, becomes current and is marked as
   * the newer side, since range operations write it (and only it).
   */
  void prepareRanges() {
    if (pointer != null) {
      settleNative();
      state = NATIVE_NEWER;
    }
  }

  /** In a range phase: the heap values with [from, to) brought up to date from the native side. */
  float[] readRange(int from, int to) {
    if (nio != null) {
      nio.get(from, heap, from, to - from);
    }
    return heap;
  }

  /**
   * In a range phase: the heap array, whose [from, to) is to be written, then {@link #pushRange}.
   */
  float[] heapForRange() {
    return heap;
  }

  /** In a range phase: copies heap [from, to) to the native side, if any. */
  void pushRange(int from, int to) {
    if (nio != null) {
      nio.put(from, heap, from, to - from);
    }
  }

  /** In a range phase: the native values from {@code offset} on (a pointer of the caller's own). */
  FloatPointer nativeFrom(int offset) {
    requireNative();
    return new FloatPointer(pointer).position(pointer.position() + offset);
  }

  /**
   * Every value ← rows [first, first + rows()) of {@code source} (as wide as this), which is in a
   * range phase: read from its native side where it has one, else from its heap.
   */
  void copyRowsOf(Matrix source, int first) {
    requireWidth(source);
    int n = size();
    if (source.nio != null) {
      source.nio.get(first * cols, overwrite(), 0, n);
    } else {
      System.arraycopy(source.heap, first * cols, overwrite(), 0, n);
    }
  }

  /**
   * In a range phase: rows [first, first + source.rows()) ← {@code source}'s values (as wide as
   * this), written to the native side where there is one, else to the heap.
   */
  void putRows(Matrix source, int first) {
    requireWidth(source);
    float[] values = source.read();
    int n = source.size();
    if (nio != null) {
      nio.put(first * cols, values, 0, n);
    } else {
      System.arraycopy(values, 0, heap, first * cols, n);
    }
  }

  private void requireWidth(Matrix other) {
    if (other.cols != cols) {
      throw new IllegalArgumentException("rows of " + other.cols + " values, not " + cols);
    }
  }

  /**
   * Row i ← row {@code order[start + i]} of the row-major {@code source} (rows of {@link #cols()}
   * values), for every row of this matrix. Goes straight to the native buffer when there is one,
   * since sgemm is what reads a batch's input.
   */
  void gatherRows(FloatBuffer source, int[] order, int start) {
    gatherRows(source, order, start, 0, rows);
  }

  /**
   * As above for rows [from, to) of this matrix only. Threads may gather disjoint ranges of one
   * matrix at once (every write is absolute); a barrier must then pass before any reads it.
   */
  void gatherRows(FloatBuffer source, int[] order, int start, int from, int to) {
    int width = cols;
    if (nativeOwner != null) {
      for (int i = from; i < to; i++) {
        nio.put(i * width, source, order[start + i] * width, width);
      }
      state = NATIVE_NEWER;
    } else {
      for (int i = from; i < to; i++) {
        source.get(order[start + i] * width, heap, i * width, width);
      }
    }
  }

  /** A copy of the values as rows. */
  float[][] toRows() {
    float[] values = read();
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
    }
    return out;
  }
}
