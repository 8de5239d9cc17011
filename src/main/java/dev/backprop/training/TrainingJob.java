package dev.backprop.training;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored training job; {@code search} is the search it is a candidate of, or null. */
record TrainingJob(
    UUID id,
    String network,
    JobStatus status,
    JobSettings settings,
    int epoch,
    int epochs,
    EpochRecord metrics,
    Integer resultVersion,
    JobError error,
    int attempts,
    String owner,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    UUID search) {

  /** The job as clients read it; a list or an event leaves the history (and its stride) out. */
  TrainingJobResponse toResponse() {
    return toResponse(null, null);
  }

  TrainingJobResponse toResponse(List<EpochRecord> history, Integer historyStride) {
    return new TrainingJobResponse(
        id,
        network,
        status,
        epoch,
        epochs,
        epochs == 0 ? 0 : (double) epoch / epochs,
        metrics,
        history,
        historyStride,
        resultVersion,
        error,
        settings.seed(),
        settings.withoutData(),
        attempts,
        createdAt,
        startedAt,
        finishedAt,
        search);
  }
}
