package dev.backprop.prediction;

import dev.backprop.engine.Model;
import java.util.List;

/**
 * Runs the feedforward of one batch: concatenates its callers' rows, runs them as one, hands each
 * caller its own output rows (or the failure), and records compute time, queue time and batch size.
 */
final class BatchFeedforward {

  private volatile DynamicBatcher.Feedforward feedforward;

  BatchFeedforward(DynamicBatcher.Feedforward feedforward) {
    this.feedforward = feedforward;
  }

  /** Replaces the feedforward (for tests), returning the one it replaced. */
  DynamicBatcher.Feedforward replace(DynamicBatcher.Feedforward replacement) {
    DynamicBatcher.Feedforward previous = feedforward;
    feedforward = replacement;
    return previous;
  }

  /** Runs a request that skipped the queue (it alone fills a batch): no queue time. */
  float[] runAlone(Model model, float[] input, int rows, ModelMeters meters) {
    long start = System.nanoTime();
    float[] output = feedforward.run(model, input, rows);
    long nanos = System.nanoTime() - start;
    meters.executed(rows, nanos);
    meters.ran(0, nanos);
    return output;
  }

  /**
   * Runs {@code batch} ({@code rows} rows in all, on its first request's model) and sets each
   * request's output, or every request's failure if the feedforward failed.
   */
  void run(List<BatchRequest> batch, int rows, ModelMeters meters) {
    long start = System.nanoTime();
    Model model = batch.get(0).model;
    try {
      if (batch.size() == 1) {
        batch.get(0).output = feedforward.run(model, batch.get(0).input, rows);
      } else {
        float[] output = feedforward.run(model, concatenate(batch, rows, model), rows);
        split(output, batch, model);
      }
    } catch (RuntimeException | Error e) {
      RuntimeException failure =
          e instanceof RuntimeException runtime
              ? runtime
              : new IllegalStateException("the feedforward failed", e);
      for (BatchRequest r : batch) {
        r.failure = failure;
      }
    }
    long end = System.nanoTime();
    meters.executed(rows, end - start);
    for (BatchRequest r : batch) {
      meters.ran(start - r.enqueued, end - start);
    }
  }

  /** The batch's input rows, row-major, in the order of its requests. */
  private static float[] concatenate(List<BatchRequest> batch, int rows, Model model) {
    int width = model.spec().inputs();
    float[] input = new float[rows * width];
    int offset = 0;
    for (BatchRequest r : batch) {
      System.arraycopy(r.input, 0, input, offset, r.rows * width);
      offset += r.rows * width;
    }
    return input;
  }

  /** Gives each request its own slice of the batch's row-major output. */
  private static void split(float[] output, List<BatchRequest> batch, Model model) {
    int outputs = model.spec().outputs();
    int offset = 0;
    for (BatchRequest r : batch) {
      int length = r.rows * outputs;
      float[] own = new float[length];
      System.arraycopy(output, offset, own, 0, length);
      r.output = own;
      offset += length;
    }
  }
}
