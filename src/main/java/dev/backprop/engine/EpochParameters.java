package dev.backprop.engine;

import java.util.function.Supplier;

/**
 * The parameters at the end of one epoch, copied only if something asks for them: validation, the
 * L2 term of the loss, or early stopping keeping a new best epoch. A copy of 784-256-128-10 (the
 * native side brought to the heap, then copied into new arrays) took 2.4% of a one-thread run's CPU
 * in a profile, about 2.5 ms an epoch, on the training thread while any other thread of a split
 * batch waits; a run without those needs none until its result, which {@link BestEpoch} takes.
 */
final class EpochParameters implements Supplier<Parameters> {
  private final GradientDescent descent;
  private Parameters copy;

  EpochParameters(GradientDescent descent) {
    this.descent = descent;
  }

  /** The copy, made on the first call. */
  @Override
  public Parameters get() {
    if (copy == null) {
      copy = descent.snapshot();
    }
    return copy;
  }
}
