package dev.backprop.training;

import dev.backprop.engine.Engine;
import dev.backprop.storage.DatabaseAvailability;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>No database failure stops it: a claim that fails gives its worker slot back and is tried again
 * after a jittered, growing wait ({@link RetryBackoff}); the database coming back wakes the
 * dispatcher and the heartbeat at once. A job this replica holds in the database but runs no worker
 * for (a claim whose answer was lost with its connection, a hand-back that failed) is taken up
 * again by the heartbeat. Readiness follows the database through {@link DatabaseAvailability}.
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
  private final JobLeases leases;
  private final DatabaseAvailability availability;
  private final RetryBackoff claimBackoff;
  private volatile long claimRetryAt;

  private volatile ScheduledExecutorService scheduler;
  private volatile ExecutorService workers;
  private volatile boolean started;

  TrainingJobRunner(
      TrainingJobRepository jobs,
      JobQueue queue,
      JobExecution execution,
      TrainingProperties properties,
      Clock clock,
      JobLeases leases,
      DatabaseRetry retry,
      DatabaseAvailability availability) {
    this.jobs = jobs;
    this.queue = queue;
    this.execution = execution;
    this.properties = properties;
    this.clock = clock;
    this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    this.slots = new Semaphore(properties.maxConcurrentJobs());
    this.leases = leases;
    this.availability = availability;
    this.claimBackoff = retry.backoff();
    availability.addListener(
        reachable -> {
          if (reachable) {
            claimRetryAt = 0;
            wake();
          }
        });
  }

  @Override
  public void start() {
    Engine.keepIdleTrainingRows(properties.keptRowsSize().toBytes());
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

  /**
   * Hands running jobs back to the queue: each worker does at its next batch; after {@code
   * shutdown-grace}, this thread does it for those still busy. Runs before the data source closes
   * (see {@link #getPhase()}).
   */
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
      if (!workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        running.keySet().forEach(id -> leases.handBack(id, owner));
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
    if (!started || System.nanoTime() < claimRetryAt) {
      return; // waiting after a failure; the database's return wakes this early
    }
    try {
      while (started && slots.tryAcquire()) {
        if (!claimAndLaunch()) {
          break;
        }
      }
      claimBackoff.reset();
    } catch (RuntimeException e) {
      Duration wait = claimBackoff.next();
      claimRetryAt = System.nanoTime() + wait.toNanos();
      availability.reportFailure(e);
      log.warn(
          "Could not look for queued training jobs ({}); trying again in {} ms",
          e.toString(),
          wait.toMillis());
      ScheduledExecutorService s = scheduler;
      if (started && s != null) {
        s.schedule(this::dispatch, wait.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Claims one job for the slot just taken; false (the slot given back) if none is queued. */
  private boolean claimAndLaunch() {
    Optional<UUID> claimed;
    try {
      Instant now = clock.instant();
      claimed = queue.claimNext(owner, now, now.plus(properties.leaseDuration()));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    if (claimed.isEmpty()) {
      slots.release();
      return false;
    }
    launch(claimed.get());
    return true;
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
      // Orphans first, so that the renewal covers those just adopted: an orphan's lease may have
      // run out while the database was away (a claim whose answer was lost), and recover() would
      // otherwise re-queue the job launched here a moment before, which then ran a second attempt.
      adoptOrphans();
      leases.renew(owner, running.keySet());
      recover();
    } catch (RuntimeException e) {
      availability.reportFailure(e);
      log.warn("Training heartbeat failed: {}", e.toString());
    }
  }

  /**
   * Runs (or, with no worker free, hands back) the jobs held here that no worker runs. Both this
   * and claims run on the dispatcher thread, so no claim is between its update and its launch.
   */
  private void adoptOrphans() {
    for (UUID id : leases.orphans(owner, running.keySet())) {
      if (started && slots.tryAcquire()) {
        log.info("Training job {} is held here but was not running: starting it", id);
        launch(id);
      } else {
        leases.handBack(id, owner);
      }
    }
  }

  private void recover() {
    if (leases.recover() > 0) {
      wake();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
