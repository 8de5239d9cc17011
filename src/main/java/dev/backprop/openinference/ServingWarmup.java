package dev.backprop.openinference;

import dev.backprop.network.NetworkResponse;
import dev.backprop.network.NetworkService;
import dev.backprop.web.PageRequest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Warms the infer path up at start, as Triton's {@code model_warmup} does, in two phases within
 * {@link WarmupProperties#timeout()}:
 *
 * <ol>
 *   <li>the latest version of each network (at most {@link WarmupProperties#maxModels()}) answers
 *       {@link WarmupProperties#requests()} one-row requests in-process: read by the {@link
 *       InferenceCodec}, served by the {@link InferenceService} (model cache, dynamic batcher,
 *       feedforward) and written as the answers to clients are, three in four as JSON and one as
 *       binary tensor data;
 *   <li>then {@link WarmupProperties#httpRequests()} more go to the service's own port over
 *       loopback ({@link HttpWarmup}), round-robin over those networks, so that the web stack
 *       around the infer path is compiled too. Skipped when the server speaks TLS or does not
 *       listen (tests on a mock servlet environment).
 * </ol>
 *
 * <p>Then, only when {@link WarmupProperties#jitQuietTimeout()} is set (off by default: on the
 * shared 2-core machine it did not measurably help), more HTTP requests until the JIT has gone
 * quiet ({@link JitActivity}) or that timeout has passed.
 *
 * <p>It is an {@link ApplicationRunner}: Spring Boot runs it after the web server has started and
 * before it publishes {@code ReadinessState.ACCEPTING_TRAFFIC}, so the readiness group stays DOWN
 * (and a load balancer sends nothing) until the JIT has compiled what requests use. The warm-up's
 * requests are counted in the serving statistics like any other.
 */
@Component
class ServingWarmup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ServingWarmup.class);

  private final WarmupProperties properties;
  private final NetworkService networks;
  private final InferenceCodec codec;
  private final InferenceService service;
  private final ObjectMapper mapper;
  private final LoopbackAddress loopback;

  ServingWarmup(
      WarmupProperties properties,
      NetworkService networks,
      InferenceCodec codec,
      InferenceService service,
      ObjectMapper mapper,
      LoopbackAddress loopback) {
    this.properties = properties;
    this.networks = networks;
    this.codec = codec;
    this.service = service;
    this.mapper = mapper;
    this.loopback = loopback;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.enabled() || properties.maxModels() == 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + properties.timeout().toNanos();
    List<HttpWarmup.Target> targets = new ArrayList<>();
    int requests = 0;
    for (NetworkResponse network : trainedNetworks()) {
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      WarmupBodies bodies = WarmupBodies.of(mapper, network.inputs());
      requests += warm(network, bodies, deadline);
      targets.add(new HttpWarmup.Target("/v2/models/" + network.name() + "/infer", bodies));
    }
    int overHttp = overHttp(targets, deadline);
    if (!targets.isEmpty()) {
      log.info(
          "Warm-up: {} infer request(s) in-process and {} over HTTP on {} network(s) in {} ms",
          requests,
          overHttp,
          targets.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      untilJitQuiet(targets);
    }
  }

  /**
   * The last phase: HTTP requests as in the second, until the JIT has gone quiet or {@code
   * jit-quiet-timeout} has passed.
   */
  private void untilJitQuiet(List<HttpWarmup.Target> targets) {
    if (properties.jitQuietTimeout().isZero() || properties.httpRequests() == 0) {
      return;
    }
    JitActivity jit = JitActivity.ofThisJvm(properties.jitQuietWindow());
    if (jit == null) {
      return;
    }
    long start = System.nanoTime();
    long compiledBefore = jit.compileMillis();
    int sent =
        loopback
            .base()
            .map(
                base ->
                    new HttpWarmup(base, loopback.apiKey(), properties.httpConnections())
                        .send(
                            targets,
                            Integer.MAX_VALUE,
                            start + properties.jitQuietTimeout().toNanos(),
                            jit::quiet))
            .orElse(0);
    log.info(
        "Warm-up until the JIT is quiet: {} request(s) over HTTP in {} ms, {} ms compiling, {}",
        sent,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        jit.compileMillis() - compiledBefore,
        jit.quiet() ? "quiet" : "not quiet yet");
  }

  /** Up to {@code maxModels} networks with a trained version, by name. */
  List<NetworkResponse> trainedNetworks() {
    List<NetworkResponse> trained = new ArrayList<>();
    try {
      for (int page = 0; trained.size() < properties.maxModels(); page++) {
        List<NetworkResponse> items =
            networks.list(new PageRequest(page, PageRequest.MAX_SIZE)).items();
        for (NetworkResponse network : items) {
          if (network.latestVersion() != null && trained.size() < properties.maxModels()) {
            trained.add(network);
          }
        }
        if (items.size() < PageRequest.MAX_SIZE) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // A database that is not there yet must not stop the start: serving warms up on its own.
      log.warn("Warm-up skipped: the networks could not be listed ({})", e.getMessage());
    }
    return trained;
  }

  /** Sends one network's in-process requests until they are done or the deadline; how many ran. */
  private int warm(NetworkResponse network, WarmupBodies bodies, long deadline) {
    long start = System.nanoTime();
    String length = Integer.toString(bodies.headerLength());
    int sent = 0;
    try {
      for (; sent < properties.requests() && System.nanoTime() - deadline < 0; sent++) {
        boolean asBinary = WarmupBodies.isBinary(sent);
        InferenceBody request =
            codec.read(new ByteArrayInputStream(bodies.body(sent)), -1, asBinary ? length : null);
        InferenceResponse response = service.infer(network.name(), null, request);
        byte[] answer =
            request.binaryOutput()
                ? codec.binary(response).body()
                : mapper.writeValueAsBytes(response);
        if (answer.length == 0) {
          throw new IllegalStateException("an empty answer");
        }
      }
    } catch (RuntimeException e) {
      log.warn("Warm-up of network '{}' stopped after {} request(s)", network.name(), sent, e);
    }
    log.info(
        "Warm-up of network '{}' version {}: {} request(s) in {} ms",
        network.name(),
        network.latestVersion(),
        sent,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return sent;
  }

  /** The second phase, where the server listens on plain HTTP; how many requests were answered. */
  private int overHttp(List<HttpWarmup.Target> targets, long deadline) {
    if (targets.isEmpty() || properties.httpRequests() == 0) {
      return 0;
    }
    return loopback
        .base()
        .map(
            base ->
                new HttpWarmup(base, loopback.apiKey(), properties.httpConnections())
                    .send(targets, properties.httpRequests(), deadline))
        .orElse(0);
  }
}
