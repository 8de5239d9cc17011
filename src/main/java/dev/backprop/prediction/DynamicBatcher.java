package dev.backprop.prediction;

import dev.backprop.engine.Model;
import dev.backprop.engine.Predictor;
import dev.backprop.network.NetworkDeletedEvent;
import dev.backprop.network.TrainedVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The feedforward of a batch's rows; {@link Predictor#predictInto} but for tests. */
  @FunctionalInterface
  interface Feedforward {
    void run(Model model, int rows, Predictor.RowWriter input, Predictor.OutputReader output);
  }

  private final ServingProperties properties;
  private final ServingMetrics metrics;
  private final BatchFeedforward feedforward = new BatchFeedforward(Predictor::predictInto);

  /** One lane per stored version, by its id (never reused, unlike name and number). */
  private final Map<Long, BatchLane> lanes = new ConcurrentHashMap<>();

  DynamicBatcher(ServingProperties properties, ServingMetrics metrics) {
    this.properties = properties;
    this.metrics = metrics;
  }

  /**
   * Outputs for {@code rows} raw rows given row-major (rows × inputs), row-major (rows × outputs):
   * what {@link Predictor#predictInto} answers for these rows alone (bit for bit while the batch
   * stays on the engine's plain-Java path; within float rounding once it is large enough for gemm).
   */
  public float[] predict(TrainedVersion trained, float[] input, int rows) {
    ModelMeters meters = metrics.of(trained);
    if (rows >= properties.maxBatchSize()) {
      return feedforward.runAlone(trained.model(), input, rows, meters);
    }
    BatchLane lane = lanes.get(trained.id());
    if (lane == null) {
      lane =
          lanes.computeIfAbsent(
              trained.id(),
              k -> new BatchLane(trained.network().name(), properties, feedforward, meters));
    }
    return lane.submit(new BatchRequest(trained.model(), input, rows));
  }

  /**
   * For tests: replaces the feedforward (e.g. by one that blocks), returning the one it replaced.
   */
  Feedforward feedforward(Feedforward replacement) {
    return feedforward.replace(replacement);
  }

  /** For tests and metrics: requests waiting (not running) on a version. */
  int queued(TrainedVersion trained) {
    BatchLane lane = lanes.get(trained.id());
    return lane == null ? 0 : lane.queued();
  }

  @EventListener
  void onNetworkDeleted(NetworkDeletedEvent event) {
    lanes.values().removeIf(lane -> lane.network.equals(event.name()));
  }
}
