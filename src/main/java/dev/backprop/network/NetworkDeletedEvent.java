package dev.backprop.network;

/**
 * Published, inside the deleting transaction, when a network is deleted, so that other features
 * (training jobs, caches) let go of it.
 *
 * @param name the deleted network
 */
public record NetworkDeletedEvent(String name) {}
