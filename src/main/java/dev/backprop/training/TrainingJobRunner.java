package dev.backprop.training;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs queued jobs on a bounded worker pool, never on a request thread. A dispatcher claims jobs
 * from the database while a worker is free (woken at once by a submit, and every poll interval
 * otherwise); a heartbeat renews the leases of the jobs running here and hands back to the queue
 * the jobs of replicas that died. On shutdown, running jobs are handed back to the queue. Each of
 * these steps is one conditional update of {@link JobQueue}, which also says why no job-scheduling
 * library does this instead.
 */
@Component
class TrainingJobRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TrainingJobRunner.class);

  private final TrainingJobRepository jobs;
  private final JobQueue queue;
  private final JobExecution execution;
  private final TrainingProperties properties;
  private final Clock clock;
  private final String owner;
  private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
  private final Semaphore slots;

  private volatile ScheduledExecutorService scheduler;
  private volatile ExecutorService workers;
  private volatile boolean started;

  TrainingJobRunner(
      TrainingJobRepository jobs,
      JobQueue queue,
      JobExecution execution,
      TrainingProperties properties,
      Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.execution = execution;
    this.properties = properties;
    this.clock = clock;
    this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    this.slots = new Semaphore(properties.maxConcurrentJobs());
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Training runner disabled (backprop.training.enabled=false): jobs stay QUEUED");
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            properties.maxConcurrentJobs(),
            r -> daemon(r, "training-worker-" + threads.incrementAndGet()));
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "training-dispatcher"));
    started = true;
    scheduler.execute(this::recover);
    scheduler.scheduleWithFixedDelay(
        this::dispatch, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        this::heartbeat,
        properties.heartbeatInterval().toMillis(),
        properties.heartbeatInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    log.info("Training runner {} started with {} worker(s)", owner, properties.maxConcurrentJobs());
  }

  /** Hands running jobs back to the queue and waits a little for the workers to notice. */
  @Override
  public void stop() {
    started = false;
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    running.values().forEach(RunningJob::handBack);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
        log.warn("Training workers did not stop in time; their jobs' leases will expire");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Stop before the web server and the data source. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2048;
  }

  /** Looks for work now rather than at the next poll. */
  void wake() {
    ScheduledExecutorService s = scheduler;
    if (started && s != null) {
      s.execute(this::dispatch);
    }
  }

  void cancelled(UUID id) {
    RunningJob job = running.get(id);
    if (job != null) {
      job.cancel();
    }
  }

  void cancelledNetwork(String network) {
    running.values().stream().filter(j -> j.network().equals(network)).forEach(RunningJob::cancel);
  }

  private void dispatch() {
    try {
      while (started && slots.tryAcquire()) {
        Instant now = clock.instant();
        Optional<UUID> claimed = queue.claimNext(owner, now, now.plus(properties.leaseDuration()));
        if (claimed.isEmpty()) {
          slots.release();
          return;
        }
        launch(claimed.get());
      }
    } catch (RuntimeException e) {
      log.warn("Could not look for queued training jobs: {}", e.toString());
    }
  }

  private void launch(UUID id) {
    try {
      TrainingJob job = jobs.find(id).orElseThrow();
      RunningJob handle = new RunningJob(job.network());
      running.put(id, handle);
      workers.execute(
          () -> {
            try {
              execution.run(job, handle, owner);
            } finally {
              running.remove(id);
              slots.release();
              wake();
            }
          });
    } catch (RuntimeException e) {
      // Not started: give the slot and the job back. If the database is down, the job's lease
      // expires instead: the heartbeat renews only the jobs in running.
      running.remove(id);
      slots.release();
      try {
        queue.handBack(id, owner);
      } catch (RuntimeException releaseFailed) {
        e.addSuppressed(releaseFailed);
      }
      throw e;
    }
  }

  private void heartbeat() {
    try {
      Instant now = clock.instant();
      queue.renewLeases(owner, running.keySet(), now.plus(properties.leaseDuration()));
      recover();
    } catch (RuntimeException e) {
      log.warn("Training heartbeat failed: {}", e.toString());
    }
  }

  /** Re-queues (or fails, after too many attempts) jobs whose replica stopped renewing them. */
  private void recover() {
    try {
      int requeued =
          queue.recoverExpired(clock.instant(), properties.maxAttempts(), JobFailures.leaseLost());
      if (requeued > 0) {
        log.info("Re-queued {} training job(s) whose replica stopped", requeued);
        wake();
      }
    } catch (RuntimeException e) {
      log.warn("Could not recover abandoned training jobs: {}", e.toString());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
