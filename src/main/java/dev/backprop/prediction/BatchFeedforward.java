package dev.backprop.prediction;

import dev.backprop.engine.Model;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the feedforward of one batch: writes its callers' rows straight into the feedforward's input
 * buffer, runs them as one, copies each caller's own output rows out of the output buffer (or hands
 * every caller the failure), and records compute time, queue time and batch size. Each caller's
 * rows are copied once on the way in and its outputs once on the way out.
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
    BatchRequest request = new BatchRequest(model, input, rows);
    feed(model, List.of(request), rows);
    long nanos = System.nanoTime() - start;
    meters.executed(rows, nanos);
    meters.ran(0, nanos);
    return request.output;
  }

  /**
   * Runs {@code batch} ({@code rows} rows in all, on its first request's model) and sets each
   * request's output, or every request's failure if the feedforward failed. Answers how long the
   * feedforward took, in nanoseconds.
   */
  long run(List<BatchRequest> batch, int rows, ModelMeters meters) {
    long start = System.nanoTime();
    try {
      feed(batch.get(0).model, batch, rows);
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
    return end - start;
  }

  /** The feedforward of the batch's rows, in the order of its requests, on {@code model}. */
  private void feed(Model model, List<BatchRequest> batch, int rows) {
    int width = model.spec().inputs();
    int units = model.spec().outputs();
    feedforward.run(
        model,
        rows,
        input -> {
          int offset = 0;
          for (BatchRequest r : batch) {
            System.arraycopy(r.input, 0, input, offset, r.rows * width);
            offset += r.rows * width;
          }
        },
        output -> {
          int offset = 0;
          for (BatchRequest r : batch) {
            r.output = Arrays.copyOfRange(output, offset, offset + r.rows * units);
            offset += r.rows * units;
          }
        });
  }
}
