package dev.backprop.prediction;

import dev.backprop.engine.Model;
import dev.backprop.engine.Predictor;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.TrainedVersion;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Merges concurrent predictions on the same version into one feedforward of up to {@code
 * max-batch-size} rows.
 *
 * <p>There is no batching thread: the callers take turns. Each version has a lane with a queue. A
 * caller that finds the lane idle becomes its leader and runs at once, so a lone request pays
 * nothing for batching. Callers that arrive while a batch runs wait in the queue; when the batch
 * ends, its leader hands the lane to the oldest of them, which takes as many queued requests as fit
 * in {@code max-batch-size} rows, runs them as one batch, and hands back each caller's own rows.
 * Under load the batches so fill themselves with what arrived during the previous one. When the new
 * batch is not full, its leader waits for more until the oldest request in it has waited {@code
 * max-queue-delay}. A caller whose request alone fills a batch skips the queue, and with {@code
 * max-batch-size} 1 every request does.
 *
 * <p>At most {@code max-queue-size} requests wait per version; beyond that a {@link
 * QueueFullException} is thrown at once.
 */
@Component
public class DynamicBatcher {

  /** The feedforward of row-major rows; {@link Predictor#predictFlat} but for tests. */
  @FunctionalInterface
  interface Feedforward {
    float[] run(Model model, float[] rowMajor, int rows);
  }

  private final int maxBatchSize;
  private final long maxQueueDelayNanos;
  private final int maxQueueSize;
  private final ServingMetrics metrics;

  /** One lane per stored version, by its id (never reused, unlike name and number). */
  private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

  private volatile Feedforward feedforward = Predictor::predictFlat;

  DynamicBatcher(ServingProperties properties, ServingMetrics metrics) {
    this.maxBatchSize = properties.maxBatchSize();
    this.maxQueueDelayNanos = properties.maxQueueDelay().toNanos();
    this.maxQueueSize = properties.maxQueueSize();
    this.metrics = metrics;
  }

  /**
   * Outputs for {@code rows} raw rows given row-major (rows × inputs), row-major (rows × outputs):
   * what {@link Predictor#predictFlat} answers for these rows alone (bit for bit while the batch
   * stays on the engine's plain-Java path; within float rounding once it is large enough for gemm).
   */
  public float[] predict(TrainedVersion trained, float[] input, int rows) {
    ModelMeters meters = metrics.of(trained);
    if (rows >= maxBatchSize) {
      return compute(trained, input, rows, meters);
    }
    Lane lane = lanes.get(trained.id());
    if (lane == null) {
      lane = lanes.computeIfAbsent(trained.id(), k -> new Lane(trained, meters));
    }
    return lane.submit(new Request(trained.model(), input, rows));
  }

  private float[] compute(TrainedVersion trained, float[] input, int rows, ModelMeters meters) {
    long start = System.nanoTime();
    float[] output = feedforward.run(trained.model(), input, rows);
    long nanos = System.nanoTime() - start;
    meters.executed(rows, nanos);
    meters.ran(0, nanos);
    return output;
  }

  /**
   * For tests: replaces the feedforward (e.g. by one that blocks), returning the one it replaced.
   */
  Feedforward feedforward(Feedforward replacement) {
    Feedforward previous = feedforward;
    feedforward = replacement;
    return previous;
  }

  /** For tests and metrics: requests waiting (not running) on a version. */
  int queued(TrainedVersion trained) {
    Lane lane = lanes.get(trained.id());
    if (lane == null) {
      return 0;
    }
    lane.lock.lock();
    try {
      return lane.queue.size();
    } finally {
      lane.lock.unlock();
    }
  }

  @EventListener
  void onNetworkDeleted(NetworkDeletedEvent event) {
    lanes.values().removeIf(lane -> lane.network.equals(event.name()));
  }

  /** One caller's rows, and what it is told once its batch ran. */
  private static final class Request {
    final Model model;
    final float[] input;
    final int rows;
    final Thread caller = Thread.currentThread();
    final long enqueued = System.nanoTime();
    volatile float[] output;
    volatile RuntimeException failure;
    volatile boolean done;
    volatile boolean leads;

    Request(Model model, float[] input, int rows) {
      this.model = model;
      this.input = input;
      this.rows = rows;
    }
  }

  /**
   * The queue of one version, and whether a leader is running a batch on it. A batch runs on the
   * model its leader resolved: the one the model cache holds for this version.
   */
  private final class Lane {
    private final String network;
    private final ModelMeters meters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean busy;

    Lane(TrainedVersion trained, ModelMeters meters) {
      this.network = trained.network().name();
      this.meters = meters;
    }

    float[] submit(Request request) {
      lock.lock();
      boolean lead;
      try {
        if (queue.size() >= maxQueueSize) {
          meters.rejected();
          throw new QueueFullException(network, queue.size(), Duration.ofSeconds(1));
        }
        lead = !busy;
        if (lead) {
          busy = true;
        } else {
          queue.addLast(request);
          arrived.signal();
        }
      } finally {
        lock.unlock();
      }
      if (!lead) {
        awaitTurnOrResult(request);
        if (!request.leads) {
          return result(request);
        }
      }
      lead(request);
      return result(request);
    }

    private void awaitTurnOrResult(Request request) {
      boolean interrupted = false;
      while (!request.done && !request.leads) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true; // the batch runs anyway; keep waiting for it, then restore the flag
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private float[] result(Request request) {
      if (request.failure != null) {
        throw request.failure;
      }
      return request.output;
    }

    /**
     * Runs one batch, starting with {@code first}'s rows, then hands the lane on or leaves it idle.
     */
    private void lead(Request first) {
      List<Request> batch = new ArrayList<>();
      batch.add(first);
      int rows = first.rows;
      lock.lock();
      try {
        rows = drain(batch, rows);
        if (rows < maxBatchSize && maxQueueDelayNanos > 0 && batch.size() > 1) {
          // Others were already waiting: load is present, so wait (bounded) for the batch to fill.
          long deadline = first.enqueued + maxQueueDelayNanos;
          long remaining;
          while (rows < maxBatchSize && (remaining = deadline - System.nanoTime()) > 0) {
            arrived.awaitNanos(remaining);
            int before = rows;
            rows = drain(batch, rows);
            if (rows == before && !queue.isEmpty()) {
              break; // the next request does not fit
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
      run(batch, rows);
      lock.lock();
      Request next;
      try {
        next = queue.pollFirst();
        if (next == null) {
          busy = false;
        }
      } finally {
        lock.unlock();
      }
      if (next != null) {
        next.leads = true;
        LockSupport.unpark(next.caller);
      }
      // The callers in this batch learn their results only now, after the lane was handed on.
      for (Request r : batch) {
        if (r != first) {
          r.done = true;
          LockSupport.unpark(r.caller);
        }
      }
      first.done = true;
    }

    /**
     * Moves queued requests into the batch while they fit (and are for the same decoded model,
     * which they are unless the version was replaced meanwhile); call with the lock held.
     */
    private int drain(List<Request> batch, int rows) {
      Request head;
      Model model = batch.get(0).model;
      while ((head = queue.peekFirst()) != null
          && rows + head.rows <= maxBatchSize
          && head.model == model) {
        queue.pollFirst();
        batch.add(head);
        rows += head.rows;
      }
      return rows;
    }

    private void run(List<Request> batch, int rows) {
      long start = System.nanoTime();
      Model model = batch.get(0).model;
      int width = model.spec().inputs();
      int outputs = model.spec().outputs();
      try {
        float[] output;
        if (batch.size() == 1) {
          output = feedforward.run(model, batch.get(0).input, rows);
          batch.get(0).output = output;
        } else {
          float[] input = new float[rows * width];
          int offset = 0;
          for (Request r : batch) {
            System.arraycopy(r.input, 0, input, offset, r.rows * width);
            offset += r.rows * width;
          }
          output = feedforward.run(model, input, rows);
          offset = 0;
          for (Request r : batch) {
            int length = r.rows * outputs;
            float[] own = new float[length];
            System.arraycopy(output, offset, own, 0, length);
            r.output = own;
            offset += length;
          }
        }
      } catch (RuntimeException | Error e) {
        RuntimeException failure =
            e instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("the feedforward failed", e);
        for (Request r : batch) {
          r.failure = failure;
        }
      }
      long end = System.nanoTime();
      meters.executed(rows, end - start);
      for (Request r : batch) {
        meters.ran(start - r.enqueued, end - start);
      }
    }
  }
}
