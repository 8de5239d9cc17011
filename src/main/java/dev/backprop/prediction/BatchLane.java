package dev.backprop.prediction;

import dev.backprop.engine.Model;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of one version, and whether a leader is running a batch on it (see {@link
 * DynamicBatcher} for how callers take turns). A batch runs on the model its leader resolved: the
 * one the model cache holds for this version.
 */
final class BatchLane {
  /** The network's name, for refusals and for dropping the lane when the network is deleted. */
  final String network;

  private final int maxBatchSize;
  private final long maxQueueDelayNanos;
  private final int maxQueueSize;
  private final long minRowNanos;
  private final BatchFeedforward feedforward;
  private final ModelMeters meters;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<BatchRequest> queue = new ArrayDeque<>();
  private volatile boolean busy; // written under the lock; read without it by submit's check

  /**
   * Nanoseconds per row of this version's last batch: long until one has run, so that a version is
   * batched until its batches show it is cheap.
   */
  private volatile long rowNanos = Long.MAX_VALUE;

  BatchLane(
      String network,
      ServingProperties properties,
      BatchFeedforward feedforward,
      ModelMeters meters) {
    this.network = network;
    this.maxBatchSize = properties.maxBatchSize();
    this.maxQueueDelayNanos = properties.maxQueueDelay().toNanos();
    this.maxQueueSize = properties.maxQueueSize();
    this.minRowNanos = properties.batchMinRowTime().toNanos();
    this.feedforward = feedforward;
    this.meters = meters;
  }

  /** Requests waiting (not running). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the request in a batch (leading one or joining one) and answers its own output rows; or,
   * for a version too cheap to batch ({@code batch-min-row-time}) whose batch is running, on its
   * own at once.
   */
  float[] submit(BatchRequest request) {
    if (busy && rowNanos < minRowNanos) {
      return feedforward.runAlone(request.model, request.input, request.rows, meters);
    }
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

  private void awaitTurnOrResult(BatchRequest request) {
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

  private static float[] result(BatchRequest request) {
    if (request.failure != null) {
      throw request.failure;
    }
    return request.output;
  }

  /**
   * Runs one batch, starting with {@code first}'s rows, then hands the lane on or leaves it idle.
   */
  private void lead(BatchRequest first) {
    List<BatchRequest> batch = new ArrayList<>();
    batch.add(first);
    int rows = gather(batch, first);
    rowNanos = feedforward.run(batch, rows, meters) / rows;
    BatchRequest next = handOn();
    if (next != null) {
      next.leads = true;
      LockSupport.unpark(next.caller);
    }
    // The callers in this batch learn their results only now, after the lane was handed on.
    for (BatchRequest r : batch) {
      if (r != first) {
        r.done = true;
        LockSupport.unpark(r.caller);
      }
    }
    first.done = true;
  }

  /**
   * Fills the batch from the queue; when others were already waiting and it is not full, waits for
   * more until {@code first} has waited {@code max-queue-delay}. Answers the batch's rows.
   */
  private int gather(List<BatchRequest> batch, BatchRequest first) {
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
    return rows;
  }

  /** The oldest waiting request, which leads next, or null after marking the lane idle. */
  private BatchRequest handOn() {
    lock.lock();
    try {
      BatchRequest next = queue.pollFirst();
      if (next == null) {
        busy = false;
      }
      return next;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves queued requests into the batch while they fit (and are for the same decoded model, which
   * they are unless the version was replaced meanwhile); call with the lock held.
   */
  private int drain(List<BatchRequest> batch, int rows) {
    BatchRequest head;
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
}
