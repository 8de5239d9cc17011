package dev.backprop.training;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a training job, with the only transitions allowed between states: {@code QUEUED →
 * RUNNING → SUCCEEDED | FAILED | CANCELLED}; a queued job may be cancelled before it runs, and a
 * RUNNING job whose replica went away (or shut down) goes back to QUEUED.
 *
 * <p>This table is the queue's law: every status change in {@link JobQueue} is an UPDATE whose
 * {@code WHERE status IN (...)} is {@link #reachableFrom()} of its target, so a move the table does
 * not allow matches no row.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The states a job in this state may move to. */
  public Set<JobStatus> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING, CANCELLED);
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
      case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
    };
  }

  public boolean canMoveTo(JobStatus target) {
    return next().contains(target);
  }

  /** Whether the job has ended: no state follows this one. */
  public boolean isFinished() {
    return next().isEmpty();
  }

  /** The states from which a job may move to this one: the guard of a conditional update. */
  public Set<JobStatus> reachableFrom() {
    Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
    for (JobStatus status : values()) {
      if (status.canMoveTo(this)) {
        sources.add(status);
      }
    }
    return sources;
  }
}
