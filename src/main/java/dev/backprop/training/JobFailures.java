package dev.backprop.training;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.ProblemTypes;

/** What went wrong with a job, as the {@link JobError} it is stored with. */
final class JobFailures {

  private JobFailures() {}

  /**
   * A job refused while it ran, for a reason a client could have been told at submit. A job's error
   * is a 422 problem, so it takes a training type that means 422, not the request's type (whose
   * status, 400 or 413, would disagree): something the job reads having vanished since (its data
   * set, its warm-start version) is missing input, anything else invalid input. The detail keeps
   * the refusal's own words.
   */
  static JobError of(DomainException e) {
    if (e instanceof NotFoundException) {
      return new JobError(
          ProblemTypes.TRAINING_INPUT_MISSING, "Training input missing", e.getMessage());
    }
    return new JobError(
        ProblemTypes.TRAINING_INPUT_INVALID, "Training input invalid", e.getMessage());
  }

  static JobError timedOut(String detail) {
    return new JobError(ProblemTypes.TRAINING_TIMED_OUT, "Training timed out", detail);
  }

  static JobError leaseLost() {
    return new JobError(
        ProblemTypes.TRAINING_ABANDONED,
        "Training abandoned",
        "the replica running this job stopped, and the job used up its attempts");
  }

  /** The loss of the best epoch is not a number: no version worth keeping. */
  static JobError diverged(double loss) {
    return new JobError(
        ProblemTypes.TRAINING_DIVERGED,
        "Training diverged",
        "the loss became " + loss + "; try a smaller learning rate or standardize=true");
  }

  static JobError unexpected(Exception e) {
    return new JobError(
        ProblemTypes.TRAINING_FAILED,
        "Training failed",
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }
}
