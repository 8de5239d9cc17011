package dev.backprop.training;

import java.util.UUID;

/**
 * Published on the replica where a job ended (succeeded, failed or was cancelled), after its end is
 * stored; not when a job is handed back to the queue. Listeners must not rely on it alone: a
 * replica killed between the two never publishes it.
 *
 * @param job the job's id
 * @param network the network it trained
 * @param search the search it is a candidate of, or null
 */
public record TrainingJobEndedEvent(UUID job, String network, UUID search) {}
