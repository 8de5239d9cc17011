package dev.backprop.openinference;

import java.util.List;

/**
 * {@code GET /v2}: who answers.
 *
 * @param name the server's name, {@code backprop}
 * @param version the server's version
 * @param extensions the protocol extensions supported (none)
 */
public record ServerMetadata(String name, String version, List<String> extensions) {}
