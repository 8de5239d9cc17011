package dev.backprop.network;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.NotFoundException;
import dev.backprop.engine.Model;
import dev.backprop.engine.ModelCodec;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds, lists and deletes networks, resolves version references, loads and exports trained
 * versions and stores new ones. {@link NetworkCreator} creates networks.
 */
@Service
public class NetworkService {

  /** The version reference that always means the highest version. */
  public static final String LATEST = "latest";

  private final NetworkRepository networks;
  private final VersionRepository versions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  NetworkService(
      NetworkRepository networks,
      VersionRepository versions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.networks = networks;
    this.versions = versions;
    this.events = events;
    this.clock = clock;
  }

  public Network get(String name) {
    return networks.find(name).map(this::toNetwork).orElseThrow(() -> notFound(name));
  }

  public NetworkResponse describe(String name) {
    NetworkRepository.Row row = networks.find(name).orElseThrow(() -> notFound(name));
    return NetworkResponse.of(toNetwork(row), row.latestVersion());
  }

  public PageResponse<NetworkResponse> list(PageRequest page) {
    var items =
        networks.page(page.offset(), page.size()).stream()
            .map(row -> NetworkResponse.of(toNetwork(row), row.latestVersion()))
            .toList();
    return new PageResponse<>(items, page.page(), page.size(), networks.count());
  }

  @Transactional
  public void delete(String name) {
    if (!networks.exists(name)) {
      throw notFound(name);
    }
    events.publishEvent(new NetworkDeletedEvent(name));
    networks.delete(name);
  }

  public PageResponse<VersionResponse> versions(String name, PageRequest page) {
    if (!networks.exists(name)) {
      throw notFound(name);
    }
    return new PageResponse<>(
        versions.page(name, page.offset(), page.size()),
        page.page(),
        page.size(),
        versions.count(name));
  }

  /** The number a version reference ({@code latest} or a number) stands for, or 404. */
  public int resolve(String name, String reference) {
    if (LATEST.equals(reference) || reference == null) {
      if (!networks.exists(name)) {
        throw notFound(name);
      }
      return versions
          .latest(name)
          .orElseThrow(
              () -> new NotFoundException("network '" + name + "'", " has no trained version yet"));
    }
    int version = parseVersion(reference);
    if (versions.find(name, version).isEmpty()) {
      if (!networks.exists(name)) {
        throw notFound(name);
      }
      throw new NotFoundException("version " + version + " of network '" + name + "'");
    }
    return version;
  }

  /**
   * The stored version a reference ({@code latest} or a number) names, with its id; 404 if none.
   * One query when it exists.
   */
  public VersionKey locate(String name, String reference) {
    Optional<VersionKey> key =
        LATEST.equals(reference) || reference == null
            ? versions.latestKey(name)
            : versions.key(name, parseVersion(reference));
    if (key.isPresent()) {
      return key.get();
    }
    // None: resolve() says why (no such network, no version yet, no such version), or finds the
    // version stored meanwhile.
    int version = resolve(name, reference);
    return versions
        .key(name, version)
        .orElseThrow(
            () -> new NotFoundException("version " + version + " of network '" + name + "'"));
  }

  public VersionResponse version(String name, String reference) {
    int version = resolve(name, reference);
    return versions.find(name, version).orElseThrow();
  }

  /** A version with its decoded model; the caller caches it (versions never change). */
  public TrainedVersion load(String name, int version) {
    get(name);
    VersionKey key =
        versions
            .key(name, version)
            .orElseThrow(
                () -> new NotFoundException("version " + version + " of network '" + name + "'"));
    return load(key.id());
  }

  /**
   * The version stored under {@code id} (see {@link #locate}) with its decoded model and its own
   * network's definition; the caller may cache it under that id forever.
   */
  public TrainedVersion load(long id) {
    VersionRepository.StoredVersion stored =
        versions.byId(id).orElseThrow(() -> new NotFoundException("version #" + id));
    Network network =
        new Network(
            stored.definition(),
            NetworkSpecs.toSpec(stored.definition(), LimitsProperties.UNLIMITED),
            stored.networkCreatedAt());
    return new TrainedVersion(
        stored.id(), network, stored.info(), ModelCodec.decode(stored.model()));
  }

  public ModelDocument export(String name, String reference) {
    TrainedVersion trained = load(name, resolve(name, reference));
    return ModelDocuments.export(trained.network(), trained.version(), trained.model());
  }

  /**
   * Stores a new version of a network in the caller's transaction and returns its number. Used by
   * training jobs, in the same transaction that marks the job SUCCEEDED.
   */
  @Transactional
  public int addVersion(
      String name, UUID trainingJob, VersionMetrics metrics, List<String> labels, Model model) {
    int version =
        versions.insertNext(
            name, trainingJob, metrics, labels, ModelCodec.encode(model), clock.instant());
    events.publishEvent(new VersionCreatedEvent(name, version));
    return version;
  }

  private Network toNetwork(NetworkRepository.Row row) {
    return new Network(
        row.definition(),
        NetworkSpecs.toSpec(row.definition(), LimitsProperties.UNLIMITED),
        row.createdAt());
  }

  private static int parseVersion(String reference) {
    try {
      int version = Integer.parseInt(reference);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidFieldException(
        Subject.REQUEST,
        "version",
        "must be a version number (1, 2, ...) or 'latest', was '" + reference + "'");
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("network '" + name + "'");
  }
}
