package dev.backprop.training;

import dev.backprop.domain.DomainException;
import dev.backprop.web.ApiException;
import dev.backprop.web.ProblemTypes;
import java.net.URI;

/** The problem details a failed job carries. */
final class JobFailures {

  static final URI TIMED_OUT = URI.create(ProblemTypes.BASE + "training-timed-out");
  static final URI LEASE_LOST = URI.create(ProblemTypes.BASE + "training-abandoned");
  static final URI DIVERGED = URI.create(ProblemTypes.BASE + "training-diverged");

  private JobFailures() {}

  static JobError of(DomainException e) {
    return of(ApiException.from(e));
  }

  static JobError of(ApiException e) {
    return new JobError(e.type(), e.title(), e.getMessage());
  }

  static JobError timedOut(String detail) {
    return new JobError(TIMED_OUT, "Training timed out", detail);
  }

  static JobError leaseLost() {
    return new JobError(
        LEASE_LOST,
        "Training abandoned",
        "the replica running this job stopped, and the job used up its attempts");
  }

  static JobError diverged(double loss) {
    return new JobError(
        DIVERGED,
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
