package dev.backprop.training;

import dev.backprop.engine.EpochMetrics;
import dev.backprop.engine.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished epochs of one running attempt on their way to the database. A tiny network trains an
 * epoch in tens of microseconds, and storing each one on its own (an UPDATE of the job and an
 * INSERT of its row, each a commit) took several times longer than the epoch itself. So epochs wait
 * here and are stored together, in one transaction, once {@link #FLUSH_INTERVAL} has passed since
 * the last store (at the end of the epoch that follows), and whenever {@link #flush} is called: at
 * the end of training, on a cancel or failure, and before a checkpoint. Every epoch row is still
 * stored, in order, and the event streams, which poll those rows, still send every epoch; they only
 * arrive in groups. Each store renews the job's lease; a store that finds the job no longer running
 * here cancels the attempt, as a single epoch's store did.
 */
final class EpochLog implements TrainingListener {

  private static final Logger log = LoggerFactory.getLogger(EpochLog.class);

  /** At most this long between stores while epochs keep finishing. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

  /** Stores the epochs, in one transaction; false if the job no longer runs here. */
  interface Store {
    boolean store(List<EpochRecord> epochs);
  }

  private final Store store;
  private final Runnable onEachEpoch;
  private final RunningJob handle;
  private final List<EpochRecord> pending = new ArrayList<>();
  private final long intervalNanos = FLUSH_INTERVAL.toNanos();
  private long lastStore = System.nanoTime();

  EpochLog(Store store, Runnable onEachEpoch, RunningJob handle) {
    this.store = store;
    this.onEachEpoch = onEachEpoch;
    this.handle = handle;
  }

  @Override
  public void onEpoch(EpochMetrics epoch) {
    pending.add(EpochRecord.of(epoch));
    onEachEpoch.run();
    if (System.nanoTime() - lastStore >= intervalNanos) {
      flush();
    }
  }

  /** Stores the epochs not stored yet (riding out a database outage as every store does). */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    boolean stillMine = store.store(List.copyOf(pending));
    pending.clear();
    lastStore = System.nanoTime();
    if (!stillMine) {
      handle.cancel();
    }
  }

  /**
   * As {@link #flush}, for a run that is ending on an exception: a failure to store is logged, so
   * that it does not hide why the run ended.
   */
  void flushQuietly(UUID job) {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Training job {}: could not store its last epochs: {}", job, e.toString());
    }
  }
}
