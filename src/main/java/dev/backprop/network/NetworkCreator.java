package dev.backprop.network;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.DomainException;
import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.web.LimitsProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates networks: from a definition, or from a model document whose parameters become the new
 * network's version 1. Either way the definition is checked against the configured limits and given
 * a random seed when it names none.
 */
@Service
public class NetworkCreator {

  private final NetworkRepository networks;
  private final NetworkService service;
  private final LimitsProperties limits;
  private final Clock clock;
  private final SecureRandom seeds = new SecureRandom();

  NetworkCreator(
      NetworkRepository networks, NetworkService service, LimitsProperties limits, Clock clock) {
    this.networks = networks;
    this.service = service;
    this.limits = limits;
    this.clock = clock;
  }

  @Transactional
  public NetworkResponse create(NetworkDefinition requested) {
    Network network = define(requested);
    return NetworkResponse.of(network, null);
  }

  /** Creates a network from a model document; its version 1 holds exactly those parameters. */
  @Transactional
  public NetworkResponse importModel(ModelDocument document) {
    NetworkDefinition definition =
        document.name() == null ? document.network() : document.network().withName(document.name());
    NetworkSpec spec;
    try {
      spec = NetworkSpecs.toSpec(withSeed(definition), limits);
    } catch (DomainException e) {
      throw inDocument(e, "network.");
    }
    Model model = ModelDocuments.toModel(document, spec);
    Network network = define(definition);
    service.addVersion(network.name(), null, null, network.labels(), model);
    return NetworkResponse.of(network, 1);
  }

  private Network define(NetworkDefinition requested) {
    NetworkDefinition definition = withSeed(requested);
    NetworkSpec spec = NetworkSpecs.toSpec(definition, limits);
    if (networks.exists(definition.name())) {
      throw taken(definition.name());
    }
    Instant now = clock.instant();
    try {
      networks.insert(definition, spec.parameterCount(), now);
    } catch (DuplicateKeyException e) {
      throw taken(definition.name());
    }
    return new Network(definition, spec, now);
  }

  private NetworkDefinition withSeed(NetworkDefinition d) {
    if (d.seed() != null) {
      return d;
    }
    return new NetworkDefinition(
        d.name(),
        d.inputs(),
        d.features(),
        d.layers(),
        d.loss(),
        d.initializer(),
        seeds.nextLong(),
        d.labels());
  }

  /**
   * The same refusal with its fields named where they are in a model document: the definition's
   * {@code layers[0].activation} is the document's {@code network.layers[0].activation}, not its
   * {@code layers[0]} (the parameters).
   */
  private static DomainException inDocument(DomainException e, String prefix) {
    if (e instanceof InvalidFieldException invalid) {
      return invalid.renamed(field -> prefix + field);
    }
    if (e instanceof LimitExceededException limit && limit.errors().size() == 1) {
      FieldError f = limit.errors().get(0);
      return new LimitExceededException(limit.limit(), prefix + f.field(), f.message());
    }
    return e;
  }

  private static ConflictException taken(String name) {
    return new ConflictException("a network named '" + name + "' already exists");
  }
}
