package dev.backprop.openinference;

import java.util.List;

/**
 * {@code GET /v2/models/{name}[/versions/{v}]}: what a model takes and gives.
 *
 * @param name the network's name
 * @param versions its trained versions, as strings, oldest first
 * @param platform {@code backprop}
 * @param inputs one tensor, {@code input}, of shape [-1, inputs]
 * @param outputs one tensor, {@code output}, of shape [-1, output units]
 */
public record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs) {}
