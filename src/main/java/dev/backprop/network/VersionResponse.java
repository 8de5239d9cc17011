package dev.backprop.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable trained version of a network.
 *
 * @param version its number, from 1
 * @param createdAt when it was stored
 * @param trainingJob the job that produced it, null for an imported model
 * @param metrics what training reached, null for an imported model
 * @param labels the class label of each output unit, for classifiers
 */
public record VersionResponse(
    int version,
    Instant createdAt,
    UUID trainingJob,
    VersionMetrics metrics,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> labels) {}
