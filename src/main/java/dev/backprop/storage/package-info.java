/**
 * The database as this replica sees it: whether it can be reached now ({@link
 * dev.backprop.storage.DatabaseAvailability}, checked every half second and behind the {@code db}
 * readiness indicator), a pool that refuses connections at once while it cannot, and which failures
 * mean "unreachable" ({@link dev.backprop.storage.DatabaseFailures}).
 */
package dev.backprop.storage;
