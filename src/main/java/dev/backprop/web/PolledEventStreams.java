package dev.backprop.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams that follow something stored in the database by polling it, so a stream
 * follows a job or a search whichever replica works on it. Each stream's poll sends what is new and
 * says whether the stream is done; the stream then closes.
 */
@Component
public class PolledEventStreams implements DisposableBean {

  /** One look at the followed thing: sends what is new, true once the stream is done. */
  @FunctionalInterface
  public interface Poll {
    boolean sendNew(SseEmitter emitter) throws IOException;
  }

  private final ScheduledExecutorService pollers;

  PolledEventStreams() {
    AtomicInteger threads = new AtomicInteger();
    this.pollers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "event-streams-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens a stream that polls every {@code interval} until done or {@code timeout}. */
  public SseEmitter open(Duration timeout, Duration interval, Poll poll) {
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    Stream stream = new Stream(emitter, poll);
    stream.future =
        pollers.scheduleWithFixedDelay(stream::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    emitter.onCompletion(stream::stop);
    emitter.onTimeout(stream::stop);
    emitter.onError(e -> stream.stop());
    return emitter;
  }

  @Override
  public void destroy() {
    pollers.shutdownNow();
  }

  private static final class Stream {
    private final SseEmitter emitter;
    private final Poll poll;
    private volatile ScheduledFuture<?> future;
    private boolean done;

    Stream(SseEmitter emitter, Poll poll) {
      this.emitter = emitter;
      this.poll = poll;
    }

    synchronized void poll() {
      if (done) {
        return;
      }
      try {
        if (poll.sendNew(emitter)) {
          done = true;
          emitter.complete();
          stop();
        }
      } catch (IOException | IllegalStateException e) {
        done = true; // the client went away
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
