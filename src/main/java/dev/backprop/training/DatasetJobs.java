package dev.backprop.training;

import dev.backprop.dataset.DatasetDependents;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** The queued and running jobs that will read a data set, which must not vanish under them. */
@Component
class DatasetJobs implements DatasetDependents {

  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final TrainingJobRunner runner;
  private final Clock clock;

  DatasetJobs(TrainingJobRepository jobs, JobQueue queue, TrainingJobRunner runner, Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.runner = runner;
    this.clock = clock;
  }

  @Override
  public List<String> dependentsOf(String dataset) {
    return on(dataset).stream()
        .map(job -> "training job " + job.id() + " (" + job.status() + ")")
        .toList();
  }

  @Override
  public void cancelDependentsOf(String dataset) {
    for (TrainingJob job : on(dataset)) {
      if (queue.cancel(job.id(), clock.instant())) {
        runner.cancelled(job.id());
      }
    }
  }

  /** Jobs with inline data name no data set (null). */
  private List<TrainingJob> on(String dataset) {
    return jobs.active().stream().filter(j -> dataset.equals(j.settings().dataset())).toList();
  }
}
