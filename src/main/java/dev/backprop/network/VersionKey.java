package dev.backprop.network;

/**
 * Which stored version a reference resolved to.
 *
 * @param id the version's stored id: never reused, unlike (network name, number), which a network
 *     deleted and defined again under the same name uses again; what caches key models by
 * @param version its number within its network
 */
public record VersionKey(long id, int version) {}
