package dev.backprop.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How training jobs are run.
 *
 * @param maxConcurrentJobs jobs this replica runs at once, each on its own worker thread
 * @param maxJobDuration a running job is failed when it runs longer than this
 * @param pollInterval how often an idle replica looks for queued jobs (a submit wakes it at once)
 * @param leaseDuration how long a running job stays claimed without a heartbeat; after a replica
 *     dies, its jobs are handed to others once this has passed
 * @param heartbeatInterval how often a replica renews the leases of its running jobs
 * @param maxAttempts how many times a job is started before a lost lease fails it for good
 * @param eventPollInterval how often an event stream looks for new epochs
 * @param enabled whether this replica runs jobs at all; with false it still takes, lists and
 *     cancels them, but leaves every job QUEUED for the replicas that run them (and for tests)
 */
@ConfigurationProperties("backprop.training")
public record TrainingProperties(
    @DefaultValue("1") int maxConcurrentJobs,
    @DefaultValue("1h") Duration maxJobDuration,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("30s") Duration leaseDuration,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("200ms") Duration eventPollInterval,
    @DefaultValue("true") boolean enabled) {

  public TrainingProperties {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("backprop.training.max-concurrent-jobs must be >= 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("backprop.training.max-attempts must be >= 1");
    }
    if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "backprop.training.heartbeat-interval must be shorter than lease-duration");
    }
  }
}
