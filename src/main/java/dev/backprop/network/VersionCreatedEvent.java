package dev.backprop.network;

/**
 * Published when a version is stored, so that caches of {@code latest} refresh at once.
 *
 * @param network the network
 * @param version the new version
 */
public record VersionCreatedEvent(String network, int version) {}
