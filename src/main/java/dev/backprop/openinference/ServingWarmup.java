package dev.backprop.openinference;

import dev.backprop.network.NetworkResponse;
import dev.backprop.network.NetworkService;
import dev.backprop.web.PageRequest;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Warms the infer path up at start, as Triton's {@code model_warmup} does: the latest version of
 * each network (at most {@link WarmupProperties#maxModels()}) answers {@link
 * WarmupProperties#requests()} one-row requests, read by the {@link InferenceCodec}, served by the
 * {@link InferenceService} (model cache, dynamic batcher, feedforward) and written as the answers
 * to clients are, three in four as JSON and one as binary tensor data.
 *
 * <p>It is an {@link ApplicationRunner}: Spring Boot runs it after the web server has started and
 * before it publishes {@code ReadinessState.ACCEPTING_TRAFFIC}, so the readiness group stays DOWN
 * (and a load balancer sends nothing) until the JIT has compiled what requests use. The warm-up's
 * requests are counted in the serving statistics like any other.
 */
@Component
class ServingWarmup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ServingWarmup.class);

  /** Seeds the warm-up's input values; distinct rows, so that no branch sees only one value. */
  private static final long SEED = 20_240_611L;

  private static final int DISTINCT_ROWS = 16;

  private final WarmupProperties properties;
  private final NetworkService networks;
  private final InferenceCodec codec;
  private final InferenceService service;
  private final ObjectMapper mapper;

  ServingWarmup(
      WarmupProperties properties,
      NetworkService networks,
      InferenceCodec codec,
      InferenceService service,
      ObjectMapper mapper) {
    this.properties = properties;
    this.networks = networks;
    this.codec = codec;
    this.service = service;
    this.mapper = mapper;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.enabled() || properties.requests() == 0 || properties.maxModels() == 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + properties.timeout().toNanos();
    int warmed = 0;
    int requests = 0;
    for (NetworkResponse network : trainedNetworks()) {
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      requests += warm(network, deadline);
      warmed++;
    }
    if (warmed > 0) {
      log.info(
          "Warm-up: {} infer request(s) on {} network(s) in {} ms",
          requests,
          warmed,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
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

  /** Sends one network's warm-up requests until they are done or the deadline; how many ran. */
  private int warm(NetworkResponse network, long deadline) {
    long start = System.nanoTime();
    List<byte[]> json = new ArrayList<>(DISTINCT_ROWS);
    List<byte[]> binary = new ArrayList<>(DISTINCT_ROWS);
    int headerLength = rows(network.inputs(), json, binary);
    String length = Integer.toString(headerLength);
    int sent = 0;
    try {
      for (; sent < properties.requests() && System.nanoTime() - deadline < 0; sent++) {
        boolean asBinary = sent % 4 == 3;
        byte[] body = (asBinary ? binary : json).get(sent % DISTINCT_ROWS);
        InferenceBody request =
            codec.read(new ByteArrayInputStream(body), asBinary ? length : null);
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

  /**
   * Fills {@code json} and {@code binary} with one-row request bodies of seeded random values, the
   * same rows each way; returns the length of the binary bodies' JSON header.
   */
  private int rows(int width, List<byte[]> json, List<byte[]> binary) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Long> shape = List.of(1L, (long) width);
    Map<String, Object> size = Map.of(BinaryTensors.BINARY_DATA_SIZE, width * Float.BYTES);
    byte[] header =
        mapper.writeValueAsBytes(
            Map.of(
                "inputs",
                input(shape, "parameters", size),
                "parameters",
                Map.of(BinaryTensors.BINARY_DATA_OUTPUT, true)));
    for (int r = 0; r < DISTINCT_ROWS; r++) {
      float[] values = new float[width];
      for (int c = 0; c < width; c++) {
        values[c] = (float) random.nextGaussian();
      }
      json.add(mapper.writeValueAsBytes(Map.of("inputs", input(shape, "data", values))));
      ByteBuffer body =
          ByteBuffer.allocate(header.length + width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      body.put(header).asFloatBuffer().put(values);
      binary.add(body.array());
    }
    return header.length;
  }

  /** The request's one input tensor, with its values ({@code data}) or their size. */
  private static List<Map<String, Object>> input(List<Long> shape, String key, Object value) {
    return List.of(
        Map.of(
            "name", InputTensor.INPUT, "shape", shape, "datatype", InputTensor.FP32, key, value));
  }
}
