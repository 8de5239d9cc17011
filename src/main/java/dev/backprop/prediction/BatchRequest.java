package dev.backprop.prediction;

import dev.backprop.engine.Model;

/**
 * One caller's rows waiting in (or leading) a {@link BatchLane}, and what the caller is told once
 * its batch ran. The fields are written by whichever thread leads the batch and read by the caller
 * after it is unparked, hence volatile.
 */
final class BatchRequest {
  final Model model;
  final float[] input;
  final int rows;
  final Thread caller = Thread.currentThread();
  final long enqueued = System.nanoTime();
  volatile float[] output;
  volatile RuntimeException failure;
  volatile boolean done;
  volatile boolean leads;

  BatchRequest(Model model, float[] input, int rows) {
    this.model = model;
    this.input = input;
    this.rows = rows;
  }
}
