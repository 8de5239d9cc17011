package dev.backprop.training;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a training job, with the only transitions allowed between states: {@code QUEUED →
 * RUNNING → SUCCEEDED | FAILED | CANCELLED}; a RUNNING job whose replica went away goes back to
 * QUEUED.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The states each state may move to. */
  public Set<JobStatus> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING, CANCELLED, FAILED);
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
      case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
    };
  }

  public boolean canMoveTo(JobStatus target) {
    return next().contains(target);
  }

  public boolean isFinished() {
    return next().isEmpty();
  }

  /** The states from which a move to {@code target} is allowed, for conditional SQL updates. */
  public static Set<JobStatus> from(JobStatus target) {
    Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
    for (JobStatus status : values()) {
      if (status.canMoveTo(target)) {
        sources.add(status);
      }
    }
    return sources;
  }
}
