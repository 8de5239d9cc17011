package dev.backprop.engine;

/** Called once per epoch, on the training thread. */
@FunctionalInterface
public interface TrainingListener {
  void onEpoch(EpochMetrics metrics);
}
