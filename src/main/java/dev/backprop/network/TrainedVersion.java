package dev.backprop.network;

import dev.backprop.engine.Model;
import java.util.Objects;

/**
 * A version ready to predict with: its network, its metadata and its decoded model. Immutable, so
 * it may be cached and shared by any number of threads.
 */
public record TrainedVersion(Network network, VersionResponse info, Model model) {
  public TrainedVersion {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(model, "model");
  }

  public int version() {
    return info.version();
  }
}
