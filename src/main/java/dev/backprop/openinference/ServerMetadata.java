package dev.backprop.openinference;

import java.util.List;

/**
 * {@code GET /v2}: who answers.
 *
 * @param name the server's name, {@code backprop}
 * @param version the server's version
 * @param extensions the protocol extensions served: {@code binary_tensor_data}, {@code statistics},
 *     {@code model_configuration}
 */
public record ServerMetadata(String name, String version, List<String> extensions) {}
