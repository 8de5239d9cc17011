package dev.backprop.training;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a job: first the epochs already done, then each epoch as it ends, then a
 * final {@code status} event, after which the stream closes. Each stream polls the database, so it
 * follows a job whichever replica runs it.
 */
@Component
class TrainingEventStreams implements DisposableBean {

  private final TrainingJobRepository jobs;
  private final TrainingProperties properties;
  private final ScheduledExecutorService pollers;

  TrainingEventStreams(TrainingJobRepository jobs, TrainingProperties properties) {
    this.jobs = jobs;
    this.properties = properties;
    AtomicInteger threads = new AtomicInteger();
    this.pollers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "training-events-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  SseEmitter open(UUID id) {
    SseEmitter emitter = new SseEmitter(properties.maxJobDuration().plusMinutes(5).toMillis());
    Stream stream = new Stream(id, emitter);
    stream.future =
        pollers.scheduleWithFixedDelay(
            stream::poll, 0, properties.eventPollInterval().toMillis(), TimeUnit.MILLISECONDS);
    emitter.onCompletion(stream::stop);
    emitter.onTimeout(stream::stop);
    emitter.onError(e -> stream.stop());
    return emitter;
  }

  @Override
  public void destroy() {
    pollers.shutdownNow();
  }

  private final class Stream {
    private final UUID id;
    private final SseEmitter emitter;
    private volatile ScheduledFuture<?> future;
    private int lastEpoch;
    private boolean done;

    Stream(UUID id, SseEmitter emitter) {
      this.id = id;
      this.emitter = emitter;
    }

    synchronized void poll() {
      if (done) {
        return;
      }
      try {
        // Read the status before the epochs: a job seen finished has stored all its epochs.
        TrainingJob job = jobs.find(id).orElse(null);
        List<EpochRecord> epochs = jobs.history(id, lastEpoch);
        for (EpochRecord epoch : epochs) {
          emitter.send(
              SseEmitter.event().name("epoch").id(Integer.toString(epoch.epoch())).data(epoch));
          lastEpoch = epoch.epoch();
        }
        if (job == null || job.status().isFinished()) {
          if (job != null) {
            emitter.send(SseEmitter.event().name("status").data(job.toResponse()));
          }
          done = true;
          emitter.complete();
          stop();
        }
      } catch (IOException | IllegalStateException e) {
        done = true;
        stop();
      } catch (RuntimeException e) {
        done = true;
        emitter.completeWithError(e);
        stop();
      }
    }

    void stop() {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }
}
