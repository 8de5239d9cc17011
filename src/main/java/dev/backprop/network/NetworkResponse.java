package dev.backprop.network;

import java.time.Instant;
import java.util.List;

/**
 * A network as {@code GET /api/v1/networks/{name}} answers it: the definition plus what the service
 * knows of it.
 *
 * @param parameterCount how many weights and biases it has
 * @param latestVersion its highest trained version, null until trained
 * @param createdAt when it was defined
 */
public record NetworkResponse(
    String name,
    int inputs,
    List<String> features,
    List<LayerDefinition> layers,
    String loss,
    String initializer,
    long seed,
    List<String> labels,
    long parameterCount,
    Integer latestVersion,
    Instant createdAt) {

  static NetworkResponse of(Network network, Integer latestVersion) {
    NetworkDefinition d = network.definition();
    return new NetworkResponse(
        d.name(),
        network.spec().inputs(),
        d.features(),
        d.layers(),
        d.loss(),
        network.spec().initializer().apiName(),
        network.spec().seed(),
        d.labels(),
        network.spec().parameterCount(),
        latestVersion,
        network.createdAt());
  }
}
