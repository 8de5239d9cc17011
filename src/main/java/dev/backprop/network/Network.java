package dev.backprop.network;

import dev.backprop.engine.NetworkSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored network: what the client defined (with its seed filled in) and the engine's spec.
 *
 * @param definition the definition as the client gave it, seed included
 * @param spec the validated engine spec
 * @param createdAt when it was defined
 */
public record Network(NetworkDefinition definition, NetworkSpec spec, Instant createdAt) {
  public Network {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public String name() {
    return definition.name();
  }

  /** Class labels, if the network has any. */
  public List<String> labels() {
    return definition.labels();
  }

  /** Input names, if the network has any. */
  public List<String> features() {
    return definition.features();
  }
}
