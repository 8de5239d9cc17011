package dev.backprop.network;

import dev.backprop.engine.Model;
import java.util.Objects;

/**
 * A version ready to predict with: its stored id (see {@link VersionKey}), its network, its
 * metadata and its decoded model. Immutable, so it may be cached and shared by any number of
 * threads.
 */
public record TrainedVersion(long id, Network network, VersionResponse info, Model model) {
  public TrainedVersion {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(model, "model");
  }

  /** The label of each output unit: the version's own, or else the network's; null if none. */
  public java.util.List<String> labels() {
    return info.labels() != null ? info.labels() : network.labels();
  }

  public int version() {
    return info.version();
  }
}
