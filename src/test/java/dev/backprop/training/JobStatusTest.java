package dev.backprop.training;

import static dev.backprop.training.JobStatus.CANCELLED;
import static dev.backprop.training.JobStatus.FAILED;
import static dev.backprop.training.JobStatus.QUEUED;
import static dev.backprop.training.JobStatus.RUNNING;
import static dev.backprop.training.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table that every conditional update of the queue is built from. */
class JobStatusTest {

  /** The life of a job as docs/api.md tells it, written out move by move. */
  static final Set<String> ALLOWED =
      Set.of(
          "QUEUED->RUNNING",
          "QUEUED->CANCELLED",
          "RUNNING->SUCCEEDED",
          "RUNNING->FAILED",
          "RUNNING->CANCELLED",
          "RUNNING->QUEUED");

  @Test
  void everyMoveIsAllowedOrForbiddenAsTheLifeOfAJobSays() {
    for (JobStatus from : JobStatus.values()) {
      for (JobStatus to : JobStatus.values()) {
        String move = from + "->" + to;
        assertThat(from.canMoveTo(to)).as(move).isEqualTo(ALLOWED.contains(move));
      }
    }
  }

  @Test
  void finishedStatesAreTerminalAndTheOthersAreNot() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isFinished))
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    for (JobStatus finished : EnumSet.of(SUCCEEDED, FAILED, CANCELLED)) {
      assertThat(finished.next()).as(finished.name()).isEmpty();
    }
    assertThat(QUEUED.isFinished()).isFalse();
    assertThat(RUNNING.isFinished()).isFalse();
  }

  @Test
  void theGuardOfEachMoveIsTheStatesThatMayMakeIt() {
    assertThat(QUEUED.reachableFrom()).containsExactly(RUNNING);
    assertThat(RUNNING.reachableFrom()).containsExactly(QUEUED);
    assertThat(SUCCEEDED.reachableFrom()).containsExactly(RUNNING);
    assertThat(FAILED.reachableFrom()).containsExactly(RUNNING);
    assertThat(CANCELLED.reachableFrom()).containsExactlyInAnyOrder(QUEUED, RUNNING);
    for (JobStatus to : JobStatus.values()) {
      for (JobStatus from : JobStatus.values()) {
        assertThat(to.reachableFrom().contains(from))
            .as(from + "->" + to)
            .isEqualTo(from.next().contains(to));
      }
    }
  }

  @Test
  void noStateMovesToItselfAndEveryStateIsReachedFromQueued() {
    for (JobStatus status : JobStatus.values()) {
      assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
    }
    Set<JobStatus> reached = EnumSet.of(QUEUED);
    Deque<JobStatus> todo = new ArrayDeque<>(reached);
    while (!todo.isEmpty()) {
      for (JobStatus next : todo.pop().next()) {
        if (reached.add(next)) {
          todo.push(next);
        }
      }
    }
    assertThat(reached).containsExactlyInAnyOrder(JobStatus.values());
  }
}
