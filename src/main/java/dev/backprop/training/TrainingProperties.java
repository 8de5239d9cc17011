package dev.backprop.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

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
 * @param checkpointInterval how often a running job saves a checkpoint (parameters, optimiser and
 *     early-stopping state) at the end of an epoch, so that a replica taking the job over after a
 *     crash resumes from it instead of from epoch 0; 0 saves one after every epoch
 * @param retryMinDelay the first wait before a database operation of the training runner (claiming
 *     a job, recording an epoch, renewing a lease, saving a checkpoint) is tried again after the
 *     database could not be reached; each further failure doubles the wait, with random jitter
 *     (between half and all of it), up to {@code retryMaxDelay}
 * @param retryMaxDelay the longest wait between two such tries
 * @param shutdownGrace on shutdown, how long running jobs get to reach the end of their batch and
 *     hand themselves back; the jobs still running then are handed back by the stopping thread
 * @param threadsPerJob threads one job may split each batch across (data-parallel, with the same
 *     results run after run for a given count); networks and batches too small to gain from it stay
 *     on one thread. Unset, the machine's cores divided by {@code maxConcurrentJobs}, at least 1
 * @param keptRowsSize off-heap memory a finished job's training rows may stay in for the next job
 *     to reuse (one buffer per replica, the largest given back; rows take 4 bytes per feature
 *     value). Without it, each job's rows stay allocated until a garbage collection finds them, and
 *     each job faults in fresh memory for its own. 0 keeps none
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
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration checkpointInterval,
    @DefaultValue("100ms") Duration retryMinDelay,
    @DefaultValue("5s") Duration retryMaxDelay,
    @DefaultValue("5s") Duration shutdownGrace,
    Integer threadsPerJob,
    @DefaultValue("128") @DataSizeUnit(DataUnit.MEGABYTES) DataSize keptRowsSize) {

  public TrainingProperties {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("backprop.training.max-concurrent-jobs must be >= 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("backprop.training.max-attempts must be >= 1");
    }
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("backprop.training.checkpoint-interval must be >= 0");
    }
    if (retryMinDelay.toMillis() < 1 || retryMaxDelay.compareTo(retryMinDelay) < 0) {
      throw new IllegalArgumentException(
          "backprop.training.retry-min-delay must be >= 1ms and <= retry-max-delay");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("backprop.training.shutdown-grace must be >= 0");
    }
    if (threadsPerJob == null) {
      threadsPerJob = Math.max(1, Runtime.getRuntime().availableProcessors() / maxConcurrentJobs);
    }
    if (threadsPerJob < 1) {
      throw new IllegalArgumentException("backprop.training.threads-per-job must be >= 1");
    }
    if (keptRowsSize.isNegative()) {
      throw new IllegalArgumentException("backprop.training.kept-rows-size must be >= 0");
    }
    if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "backprop.training.heartbeat-interval must be shorter than lease-duration");
    }
  }
}
