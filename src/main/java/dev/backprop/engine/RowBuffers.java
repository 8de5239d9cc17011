package dev.backprop.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Off-heap room for a run's training rows ({@link TrainingSplit}), kept for the next run once a run
 * has ended: one idle buffer, the larger of those given back, of at most a limit ({@link
 * #MAX_IDLE_BYTES} for {@link #SHARED} unless {@link Engine#keepIdleTrainingRows} says otherwise).
 *
 * <p>Why: Java frees a direct buffer only when a collection finds it unreachable, and a run's rows
 * outlive young collections, so runs left their copies behind: after about 70 jobs of 10,000 rows x
 * 784 (31 MiB each), a server held 505 MB in 33 direct buffers at 984 MB resident; reusing, 34 MB
 * in 18 buffers at 485 MB. Each new buffer is also fresh memory that the kernel zeroes page by page
 * before the buffer's own zeroing: 62% of the 17-26 ms a job took to copy those rows in. A reused
 * buffer has neither cost. Buffers over the limit are dropped as before: a run on that much data
 * trains far longer than it takes to fault its rows in, and how much idle memory a process may hold
 * is for whoever runs the engine to say ({@link Engine#keepIdleTrainingRows}).
 */
final class RowBuffers {
  /** The largest buffer {@link #SHARED} keeps idle between runs unless told otherwise (128 MiB). */
  static final long MAX_IDLE_BYTES = 128L << 20;

  /** The buffers of every run in this process. */
  static final RowBuffers SHARED = new RowBuffers(MAX_IDLE_BYTES);

  private long maxIdleBytes; // guarded by this
  private ByteBuffer idle; // guarded by this

  /** A pool of its own that keeps buffers of up to {@code maxIdleBytes} (tests use small ones). */
  RowBuffers(long maxIdleBytes) {
    limit(maxIdleBytes);
  }

  /** Keeps buffers of up to {@code maxBytes} from now on (0: none), dropping an idle one larger. */
  synchronized void limit(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("the idle rows' limit must be >= 0, was " + maxBytes);
    }
    maxIdleBytes = maxBytes;
    if (idle != null && idle.capacity() > maxBytes) {
      idle = null;
    }
  }

  /**
   * Room for {@code floats} floats in native byte order, not zeroed: a buffer given back earlier if
   * one is large enough, else a new one. The caller writes every value before it reads any.
   */
  Taken take(int floats) {
    int bytes = Math.multiplyExact(floats, Float.BYTES);
    ByteBuffer memory = reuse(bytes);
    if (memory == null) {
      memory = ByteBuffer.allocateDirect(bytes);
    }
    ByteBuffer window = memory.duplicate().clear().limit(bytes);
    FloatBuffer view = window.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
    return new Taken(memory, view);
  }

  /**
   * Gives a taken buffer back once nothing reads or writes its view any more: it is kept if it is
   * within the limit and larger than the idle one.
   */
  synchronized void giveBack(Taken taken) {
    ByteBuffer memory = taken.memory();
    if (memory.capacity() <= maxIdleBytes
        && (idle == null || idle.capacity() < memory.capacity())) {
      idle = memory;
    }
  }

  /** The idle buffer's capacity in bytes, 0 if none (for tests). */
  synchronized int idleBytes() {
    return idle == null ? 0 : idle.capacity();
  }

  private synchronized ByteBuffer reuse(int bytes) {
    if (idle == null || idle.capacity() < bytes) {
      return null;
    }
    ByteBuffer memory = idle;
    idle = null;
    return memory;
  }

  /** A buffer taken: its whole memory (to give back) and the view over the floats asked for. */
  record Taken(ByteBuffer memory, FloatBuffer floats) {}
}
