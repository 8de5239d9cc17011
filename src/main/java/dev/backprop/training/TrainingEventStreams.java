package dev.backprop.training;

import dev.backprop.web.PolledEventStreams;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a job: first the epochs already done, then each epoch as it ends, then a
 * final {@code status} event, after which the stream closes. Each stream polls the database, so it
 * follows a job whichever replica runs it.
 */
@Component
class TrainingEventStreams {

  private final TrainingJobRepository jobs;
  private final TrainingProperties properties;
  private final PolledEventStreams streams;

  TrainingEventStreams(
      TrainingJobRepository jobs, TrainingProperties properties, PolledEventStreams streams) {
    this.jobs = jobs;
    this.properties = properties;
    this.streams = streams;
  }

  SseEmitter open(UUID id) {
    int[] lastEpoch = {0};
    return streams.open(
        properties.maxJobDuration().plusMinutes(5),
        properties.eventPollInterval(),
        emitter -> sendNew(id, emitter, lastEpoch));
  }

  private boolean sendNew(UUID id, SseEmitter emitter, int[] lastEpoch) throws IOException {
    // Read the status before the epochs: a job seen finished has stored all its epochs.
    TrainingJob job = jobs.find(id).orElse(null);
    List<EpochRecord> epochs = jobs.history(id, lastEpoch[0]);
    for (EpochRecord epoch : epochs) {
      emitter.send(
          SseEmitter.event().name("epoch").id(Integer.toString(epoch.epoch())).data(epoch));
      lastEpoch[0] = epoch.epoch();
    }
    if (job == null || job.status().isFinished()) {
      if (job != null) {
        emitter.send(SseEmitter.event().name("status").data(job.toResponse()));
      }
      return true;
    }
    return false;
  }
}
