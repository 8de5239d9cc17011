package dev.backprop.network;

import java.time.Instant;
import java.util.UUID;

/**
 * One immutable trained version of a network.
 *
 * @param version its number, from 1
 * @param createdAt when it was stored
 * @param trainingJob the job that produced it, null for an imported model
 * @param metrics what training reached, null for an imported model
 */
public record VersionResponse(
    int version, Instant createdAt, UUID trainingJob, VersionMetrics metrics) {}
