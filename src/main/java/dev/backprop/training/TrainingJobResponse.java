package dev.backprop.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A training job as {@code GET /api/v1/training-jobs/{id}} answers it.
 *
 * @param id the job's id
 * @param network the network it trains
 * @param status QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param epoch the last finished epoch
 * @param epochs the epochs asked for
 * @param progress epoch / epochs, from 0 to 1
 * @param metrics the metrics of the last finished epoch, null before the first
 * @param history the finished epochs' metrics, at most 1000: epochs 1, 1+k, 1+2k, ... and always
 *     the last, where k is {@code historyStride}; every epoch at {@code .../history} (left out of
 *     lists)
 * @param historyStride k, the step between the epochs in {@code history}: 1 while a job has at most
 *     1000 epochs (left out of lists)
 * @param resultVersion the version the job produced, once SUCCEEDED
 * @param error a problem detail, once FAILED
 * @param seed the seed the job runs with (drawn at random when the request gave none)
 * @param settings the request with every default filled in (inline data left out)
 * @param attempts how many times the job was started
 * @param search the hyperparameter search this job is a candidate of, or null
 */
public record TrainingJobResponse(
    UUID id,
    String network,
    JobStatus status,
    int epoch,
    int epochs,
    double progress,
    EpochRecord metrics,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<EpochRecord> history,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer historyStride,
    Integer resultVersion,
    JobError error,
    long seed,
    JobSettings settings,
    int attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    UUID search) {}
