package dev.backprop.engine;

/**
 * Where a training run saves its {@link Checkpoint}s, and when. Asked after each epoch that does
 * not end the run, on the training thread, after the {@link TrainingListener}; a checkpoint is
 * built (a copy of every parameter and optimiser value) only when {@link #due} says so.
 */
public interface CheckpointSink {

  /** Whether a checkpoint should be saved after {@code epoch}. */
  boolean due(int epoch);

  /** Saves it; the run goes on once this returns. */
  void save(Checkpoint checkpoint);
}
