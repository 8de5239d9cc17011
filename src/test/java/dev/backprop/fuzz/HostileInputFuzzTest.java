package dev.backprop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of seeded, malformed and hostile requests against every endpoint. Nothing a client
 * sends may cause a 5xx; every 4xx under {@code /api/v1} is a problem detail; and the network,
 * version, data set and prediction recorded before are unchanged afterwards.
 *
 * <p>Reproduce a run with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.requests} and {@code
 * -Dfuzz.seconds} bound it (whichever comes first).
 */
@IntegrationTest
class HostileInputFuzzTest {

  static final long SEED = Long.getLong("fuzz.seed", 20261128L);
  static final int MAX_REQUESTS = Integer.getInteger("fuzz.requests", 4000);
  static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 80L));

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String VICTIM = "fuzz-victim";
  static final String SANDBOX = "fuzz-sandbox";
  static final String DATASET = "fuzz-set";

  static final String MODEL =
      """
      { "format": "backprop-model", "formatVersion": 1, "name": "fuzz-victim",
        "network": { "name": "x", "features": ["a", "b", "c"],
                     "layers": [ { "units": 4, "activation": "tanh" },
                                 { "units": 2, "activation": "softmax" } ],
                     "loss": "cross_entropy", "seed": 3, "labels": ["no", "yes"] },
        "version": 1,
        "standardization": { "mean": [0.5, 1.5, -2.0], "std": [1.0, 2.0, 0.5] },
        "layers": [ { "weights": [[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6], [0.7, -0.8, 0.9], [0.0, 0.1, -0.2]],
                      "biases": [0.01, -0.02, 0.03, 0.0] },
                    { "weights": [[0.5, -0.5, 0.25, 1.0], [-0.3, 0.3, 0.6, -1.0]],
                      "biases": [0.1, -0.1] } ] }
      """;
  static final String NETWORK =
      """
      { "name": "fuzz-net-1", "inputs": 3, "features": null,
        "layers": [ { "units": 4, "activation": "relu" }, { "units": 2, "activation": "softmax" } ],
        "loss": "cross_entropy", "initializer": "he", "seed": 42, "labels": ["no", "yes"] }
      """;
  static final String JOB =
      """
      { "dataset": "fuzz-set", "epochs": 2, "batchSize": 4, "learningRate": 0.05,
        "optimizer": "sgd", "momentum": 0.9, "l2": 0.0, "validationSplit": 0.0, "shuffle": true,
        "seed": 7, "standardize": true, "earlyStopping": { "patience": 10, "minDelta": 0.0 },
        "fromVersion": null }
      """;
  static final String INLINE_JOB =
      """
      { "data": { "features": [[0, 1, 2], [1, 0, 2], [2, 1, 0], [0, 0, 1]],
                  "targets": ["no", "yes", "yes", "no"] },
        "epochs": 1, "optimizer": "adam" }
      """;
  static final String PREDICTION = "{ \"inputs\": [[1.0, 2.0, 3.0], [-1.5, 0.0, 2.5]] }";
  static final String INSTANCES = "{ \"instances\": [ { \"a\": 1.0, \"b\": 2.0, \"c\": 3.0 } ] }";
  static final String CSV =
      """
      a,b,c,label
      0,1,2,no
      1,0,2,yes
      2,1,0,yes
      0,0,1,no
      1.5,2.5,-1,yes
      """;
  static final String JSON_DATASET =
      """
      { "name": "fuzz-json-1", "features": [[0, 1], [1, 0]], "targets": [0, 1],
        "featureNames": ["p", "q"], "target": "y" }
      """;
  static final String V2_INFER =
      """
      { "inputs": [ { "name": "input", "shape": [1, 3], "datatype": "FP32",
                      "data": [1.0, 2.0, 3.0] } ] }
      """;

  static final String[] HOSTILE_NAMES = {
    "..",
    "../..",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e",
    "%2e%2e%2f",
    "%252e%252e",
    "%00",
    "%",
    "%zz",
    "a%20b",
    "a;b",
    "a//b",
    ".",
    "~",
    "名前",
    "n\u00e4me",
    "\u202eevil",
    "😀",
    "x".repeat(300),
    "a".repeat(64),
    "x' OR '1'='1",
    "x'; DROP TABLE networks;--",
    "\" OR 1=1 --",
    "null",
    "undefined",
    "latest",
    "-1",
    "0",
    "9223372036854775808",
    "CON",
    "${jndi:ldap://x}",
    "<script>",
    "UPPER",
    "-leading-dash",
    "a_b",
    VICTIM,
    SANDBOX,
    DATASET
  };

  static final String[] HOSTILE_VALUES = {
    "NaN",
    "Infinity",
    "-Infinity",
    "1e308",
    "-1e308",
    "1e309",
    "-0",
    "-0.0",
    "0",
    "-1",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901234567890",
    "4.9e-324",
    "1e-400",
    "0.1e",
    "01",
    "+1",
    ".5",
    "0x10",
    "true",
    "false",
    "null",
    "\"\"",
    "\"5\"",
    "\"NaN\"",
    "\"latest\"",
    "\"../../etc/passwd\"",
    "\"x' OR 1=1 --\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "[]",
    "[[]]",
    "[null]",
    "{}",
    "{\"\": null}",
    "[1e308, -1e308]",
    "[[NaN, Infinity, -Infinity]]"
  };

  static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=utf-16",
    "application/json; charset=nope",
    "application/json;;;",
    "text/plain",
    "text/csv",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/octet-stream",
    "application/problem+json",
    "*/*",
    "garbage",
    "garbage/garbage",
    ""
  };

  static final String[] QUERIES = {
    "",
    "?page=-1",
    "?size=100000",
    "?size=0",
    "?page=2147483648",
    "?page=9223372036854775807&size=500",
    "?page=abc",
    "?size=1e3",
    "?page=&size=",
    "?page=0&page=1",
    "?status=RUNNING",
    "?status=running",
    "?status=NOPE",
    "?network=%00",
    "?network=" + "x".repeat(2000),
    "?version=-1",
    "?version=0",
    "?version=latest",
    "?version=99999999999",
    "?version=1.5",
    "?version=%2e%2e",
    "?name=&target=",
    "?name=fuzz-x&target=" + "y".repeat(300),
    "?%=%",
    "?a[]=1"
  };

  @LocalServerPort int port;
  HttpTestClient http;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Random random;
  final Map<String, Integer> histogram = new TreeMap<>();
  final List<String> failures = new ArrayList<>();
  String jobId;
  String export;
  int sent;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
    random = new Random(SEED);
  }

  @Test
  void hostileRequestsNeitherFailTheServiceNorChangeWhatIsStored() throws Exception {
    // What must survive: a network with a version, its export, a prediction and a data set.
    expect(http.send("POST", "/api/v1/networks/import", "application/json", MODEL), 201);
    expect(
        http.send("POST", "/api/v1/datasets?name=" + DATASET + "&target=label", "text/csv", CSV),
        201);
    expect(
        http.send(
            "POST", "/api/v1/networks", "application/json", NETWORK.replace("fuzz-net-1", SANDBOX)),
        201);
    var job =
        expect(
            http.send(
                "POST", "/api/v1/networks/" + SANDBOX + "/training-jobs", "application/json", JOB),
            202);
    jobId = JSON.readTree(job.body()).get("id").asString();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> JSON.readTree(http.get("/api/v1/training-jobs/" + jobId).body()),
            j -> j.get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"));
    Map<String, String> before = snapshot();
    export = before.get("export");

    long deadline = System.nanoTime() + BUDGET.toNanos();
    List<Supplier<Request>> generators = generators();
    while (sent < MAX_REQUESTS && System.nanoTime() < deadline) {
      Request request = generators.get(random.nextInt(generators.size())).get();
      send(request);
    }
    cancelLeftoverJobs();

    System.out.printf(
        "Hostile input fuzz: seed %d, %d requests, status histogram %s%n", SEED, sent, histogram);
    assertThat(failures).as("failures (seed " + SEED + ")").isEmpty();
    assertThat(sent).isGreaterThanOrEqualTo(1000);
    assertThat(snapshot()).isEqualTo(before);
  }

  /** What must not change: the victim, its versions, export and a prediction; the data set. */
  Map<String, String> snapshot() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("network", expect(http.get("/api/v1/networks/" + VICTIM), 200).body());
    state.put("versions", expect(http.get("/api/v1/networks/" + VICTIM + "/versions"), 200).body());
    state.put(
        "export",
        expect(http.get("/api/v1/networks/" + VICTIM + "/versions/1/export"), 200).body());
    state.put(
        "latest",
        expect(http.get("/api/v1/networks/" + VICTIM + "/versions/latest/export"), 200).body());
    state.put(
        "prediction",
        expect(
                http.send(
                    "POST",
                    "/api/v1/networks/" + VICTIM + "/predictions?version=1",
                    "application/json",
                    PREDICTION),
                200)
            .body());
    state.put("dataset", expect(http.get("/api/v1/datasets/" + DATASET), 200).body());
    return state;
  }

  record Request(String method, String path, String contentType, byte[] body) {
    @Override
    public String toString() {
      String shown = new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + (path.length() > 200 ? path.substring(0, 200) + "..." : path)
          + " ["
          + contentType
          + "] "
          + (shown.length() > 300
              ? shown.substring(0, 300) + "...(" + body.length + " bytes)"
              : shown);
    }
  }

  List<Supplier<Request>> generators() {
    List<Supplier<Request>> g = new ArrayList<>();
    // Networks
    g.add(
        () -> json("POST", "/api/v1/networks", mutate(NETWORK.replace("fuzz-net-1", freshName()))));
    g.add(() -> json("POST", "/api/v1/networks", mutate(NETWORK)));
    g.add(() -> get("/api/v1/networks" + query()));
    g.add(() -> get("/api/v1/networks/" + name()));
    g.add(() -> new Request("DELETE", "/api/v1/networks/" + notVictim(), null, new byte[0]));
    // Versions, export and import
    g.add(() -> get("/api/v1/networks/" + name() + "/versions" + query()));
    g.add(() -> get("/api/v1/networks/" + name() + "/versions/" + version()));
    g.add(() -> get("/api/v1/networks/" + name() + "/versions/" + version() + "/export"));
    g.add(
        () ->
            json(
                "POST",
                "/api/v1/networks/import",
                mutate(
                    export.replace("\"format\"", "\"name\":\"" + freshName() + "\",\"format\""))));
    g.add(() -> json("POST", "/api/v1/networks/import", mutate(MODEL)));
    // Data sets
    g.add(
        () ->
            new Request(
                "POST",
                "/api/v1/datasets?name=" + encoded(freshOrHostile()) + "&target=label",
                pick(CONTENT_TYPES, "text/csv"),
                bytes(mutateText(CSV))));
    g.add(
        () ->
            json(
                "POST",
                "/api/v1/datasets",
                mutate(JSON_DATASET.replace("fuzz-json-1", freshName()))));
    g.add(this::multipart);
    g.add(() -> get("/api/v1/datasets" + query()));
    g.add(() -> get("/api/v1/datasets/" + name()));
    g.add(() -> new Request("DELETE", "/api/v1/datasets/" + notVictim(), null, new byte[0]));
    // Training jobs
    g.add(
        () ->
            json(
                "POST",
                "/api/v1/networks/" + notVictim() + "/training-jobs",
                mutate(random.nextBoolean() ? JOB : INLINE_JOB)));
    g.add(() -> get("/api/v1/training-jobs" + query()));
    g.add(() -> get("/api/v1/training-jobs/" + jobRef()));
    g.add(
        () ->
            new Request(
                "POST", "/api/v1/training-jobs/" + jobRef() + "/cancel", null, new byte[0]));
    g.add(() -> get("/api/v1/training-jobs/" + jobRef() + "/events"));
    // Predictions (they change nothing, so the victim is a target too)
    g.add(
        () ->
            json(
                "POST",
                "/api/v1/networks/" + name() + "/predictions" + query(),
                mutate(random.nextBoolean() ? PREDICTION : INSTANCES)));
    g.add(
        () ->
            json(
                "POST",
                "/api/v1/networks/" + VICTIM + "/predictions",
                mutate(random.nextBoolean() ? PREDICTION : INSTANCES)));
    // The Open Inference Protocol
    g.add(
        () -> get("/v2" + pick(new String[] {"", "/health/live", "/health/ready", "/models"}, "")));
    g.add(
        () ->
            get(
                "/v2/models/"
                    + name()
                    + pick(new String[] {"", "/ready", "/versions/" + version()}, "")));
    g.add(() -> json("POST", "/v2/models/" + name() + "/infer", mutate(V2_INFER)));
    g.add(
        () ->
            json(
                "POST",
                "/v2/models/" + VICTIM + "/versions/" + version() + "/infer",
                mutate(V2_INFER)));
    // Wrong methods, unknown and path-like paths
    g.add(
        () ->
            new Request(
                pick(new String[] {"PUT", "PATCH", "POST", "OPTIONS", "TRACE"}, "PUT"),
                pick(
                    new String[] {
                      "/api/v1/networks",
                      "/api/v1/networks/" + VICTIM,
                      "/api/v1/networks/" + VICTIM + "/versions/1",
                      "/api/v1/datasets/" + DATASET,
                      "/api/v1/training-jobs",
                      "/api/v1/training-jobs/" + jobRef()
                    },
                    "/api/v1/networks"),
                "application/json",
                bytes(mutate(NETWORK))));
    g.add(() -> get("/api/v1/" + name() + "/" + name()));
    g.add(() -> get("/api/v1/networks/" + name() + "/" + name() + "/" + name()));
    return g;
  }

  Request get(String path) {
    return new Request("GET", path, null, new byte[0]);
  }

  Request json(String method, String path, String body) {
    return new Request(method, path, pick(CONTENT_TYPES, "application/json"), bytes(body));
  }

  Request multipart() {
    String boundary = "b" + random.nextInt(1_000_000);
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
            + freshOrHostile()
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\nlabel\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + freshOrHostile()
            + "\"\r\nContent-Type: text/csv\r\n\r\n"
            + mutateText(CSV)
            + "\r\n--"
            + boundary
            + "--\r\n";
    if (random.nextInt(3) == 0) {
      body = body.substring(0, random.nextInt(body.length()));
    }
    String contentType =
        random.nextInt(5) == 0
            ? pick(CONTENT_TYPES, "multipart/form-data")
            : "multipart/form-data; boundary=" + boundary;
    return new Request("POST", "/api/v1/datasets", contentType, bytes(body));
  }

  // --- Values ---

  String name() {
    return random.nextInt(4) == 0 ? VICTIM : encodedOrRaw(pick(HOSTILE_NAMES, VICTIM));
  }

  String notVictim() {
    String name;
    do {
      name = pick(HOSTILE_NAMES, SANDBOX);
    } while (name.equals(VICTIM) || name.equals(DATASET));
    return encodedOrRaw(name);
  }

  String freshName() {
    return "fuzz-" + Integer.toString(random.nextInt(1_000_000), 36);
  }

  String freshOrHostile() {
    String name;
    do {
      name = random.nextBoolean() ? freshName() : pick(HOSTILE_NAMES, "x");
    } while (name.equals(DATASET));
    return name;
  }

  String version() {
    return encodedOrRaw(
        pick(
            new String[] {
              "1",
              "2",
              "0",
              "-1",
              "latest",
              "LATEST",
              "1.0",
              "1e3",
              "99999999999",
              "%2e%2e",
              "x".repeat(300),
              "01",
              " 1"
            },
            "1"));
  }

  String jobRef() {
    return switch (random.nextInt(6)) {
      case 0, 1 -> jobId;
      case 2 -> UUID.randomUUID().toString();
      case 3 -> "00000000-0000-0000-0000-000000000000";
      case 4 -> jobId.toUpperCase(java.util.Locale.ROOT);
      default -> encodedOrRaw(pick(HOSTILE_NAMES, "x"));
    };
  }

  String query() {
    return random.nextInt(3) == 0 ? pick(QUERIES, "") : "";
  }

  /** Half the time percent-encoded, else raw where a URI can carry it. */
  String encodedOrRaw(String value) {
    if (random.nextBoolean()) {
      return encoded(value);
    }
    try {
      URI.create("http://localhost/" + value);
      return value;
    } catch (IllegalArgumentException e) {
      return encoded(value);
    }
  }

  static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  <T> T pick(T[] values, T fallback) {
    return values.length == 0 ? fallback : values[random.nextInt(values.length)];
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // --- Mutations ---

  static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  static final Pattern STRING = Pattern.compile("\"[^\"]*\"");

  /** One or a few hostile mutations of a valid JSON document. */
  String mutate(String json) {
    String out = json;
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      out =
          switch (random.nextInt(16)) {
            case 0 -> mutateText(out);
            case 1 -> replaceToken(out, NUMBER, pick(HOSTILE_VALUES, "NaN"));
            case 2 -> replaceToken(out, STRING, pick(HOSTILE_VALUES, "null"));
            case 3 -> replaceToken(out, STRING, "\"" + escaped(pick(HOSTILE_NAMES, "x")) + "\"");
            case 4 -> mutateTree(out);
            case 5 -> mutateTree(out);
            case 6 -> out.substring(0, random.nextInt(Math.max(1, out.length())));
            case 7 -> deepNesting();
            case 8 ->
                pick(
                    new String[] {"", " ", "null", "[]", "{}", "\"text\"", "123", "true", "[{}]"},
                    "");
            case 9 -> out.replaceFirst("\\{", "{\"unknown\": 1, ");
            case 10 -> duplicateKey(out);
            case 11 -> random.nextInt(8) == 0 ? hugeString(out) : mutateText(out);
            case 12 -> replaceToken(out, NUMBER, hugeNumber());
            case 13 -> new String(randomBytes(), StandardCharsets.ISO_8859_1);
            case 14 -> out.replaceFirst("\\[", "[" + "[".repeat(1 + random.nextInt(3)));
            default -> replaceToken(out, NUMBER, pick(HOSTILE_VALUES, "-0"));
          };
    }
    return out;
  }

  static final String[] INSERTS = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\n", "\r", "\t", "\u0000", "'", ";", "é", "ø", "😀",
    "\ud800", "\ufeff", "/*", "//"
  };

  /** Deleted, duplicated or inserted characters. */
  String mutateText(String text) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(5);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(4)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> {
          int end = Math.min(out.length(), at + 1 + random.nextInt(20));
          out.insert(at, out.substring(at, end));
        }
        case 2 -> out.insert(at, pick(INSERTS, "{"));
        default -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
    }
    return out.toString();
  }

  /** A field of the parsed document set to a value of the wrong type or a hostile value. */
  String mutateTree(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (RuntimeException e) {
      return mutateText(json);
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return json;
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNode value = JSON.readTree(pick(SAFE_VALUES, "null"));
    if (target instanceof ObjectNode object && object.size() > 0) {
      List<String> names = new ArrayList<>(object.propertyNames());
      String field = names.get(random.nextInt(names.size()));
      switch (random.nextInt(3)) {
        case 0 -> object.remove(field);
        default -> object.set(field, value);
      }
    } else if (target instanceof ArrayNode array && array.size() > 0) {
      int index = random.nextInt(array.size());
      switch (random.nextInt(4)) {
        case 0 -> array.remove(index);
        case 1 -> {
          for (int i = 0; i < 1 + random.nextInt(2000); i++) {
            array.add(array.get(index % array.size()).deepCopy());
          }
        }
        default -> array.set(index, value);
      }
    }
    String out = JSON.writeValueAsString(root);
    // Values Jackson will not write: non-finite numbers, spliced in as text.
    return random.nextInt(4) == 0 ? replaceToken(out, NUMBER, pick(HOSTILE_VALUES, "NaN")) : out;
  }

  /** Hostile values that are valid JSON (for the tree mutation). */
  static final String[] SAFE_VALUES = {
    "null",
    "true",
    "0",
    "-1",
    "1e308",
    "-0.0",
    "2147483648",
    "9223372036854775808",
    "123456789012345678901234567890",
    "\"\"",
    "\"x\"",
    "\"../../etc\"",
    "\"名前\"",
    "[]",
    "{}",
    "[[]]",
    "[null]",
    "[1, \"a\", null, {}]",
    "{\"a\": {\"b\": {\"c\": []}}}",
    "4.9e-324"
  };

  void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainer()) {
      out.add(node);
      for (JsonNode child : node) {
        collect(child, out);
      }
    }
  }

  String replaceToken(String text, Pattern pattern, String replacement) {
    Matcher m = pattern.matcher(text);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return text;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    return text.substring(0, span[0]) + replacement + text.substring(span[1]);
  }

  String duplicateKey(String json) {
    Matcher m = Pattern.compile("\"(\\w+)\"\\s*:").matcher(json);
    if (!m.find()) {
      return json;
    }
    return json.replaceFirst("\\{", "{\"" + m.group(1) + "\": null, ");
  }

  String deepNesting() {
    int depth = random.nextBoolean() ? 10_000 : 600;
    return switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{\"inputs\": " + "[".repeat(depth) + "1" + "]".repeat(depth) + "}";
      default -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    };
  }

  String hugeString(String json) {
    return replaceToken(json, STRING, "\"" + "a".repeat(1 << 20) + "\"");
  }

  String hugeNumber() {
    return "9".repeat(1 + random.nextInt(5000));
  }

  byte[] randomBytes() {
    byte[] b = new byte[random.nextInt(512)];
    random.nextBytes(b);
    return b;
  }

  static String escaped(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  // --- Sending and checking ---

  void send(Request request) {
    URI uri;
    try {
      uri = URI.create("http://localhost:" + port + request.path());
    } catch (IllegalArgumentException e) {
      return;
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                request.method(),
                request.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    if (request.contentType() != null && !request.contentType().isEmpty()) {
      builder.header("Content-Type", request.contentType());
    }
    HttpResponse<String> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      return; // A request the client itself will not send (e.g. TRACE with a body).
    } catch (IOException e) {
      sent++;
      histogram.merge("io-error", 1, Integer::sum);
      failures.add("I/O error " + e + " for " + request);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    sent++;
    int status = response.statusCode();
    histogram.merge(String.valueOf(status), 1, Integer::sum);
    if (status >= 500) {
      failures.add(status + " " + abbreviate(response.body()) + " for " + request);
      return;
    }
    if (status >= 400 && request.path().startsWith("/api/v1") && !request.method().equals("HEAD")) {
      checkProblem(request, response);
    }
  }

  void checkProblem(Request request, HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.startsWith("application/problem+json")) {
      failures.add(
          response.statusCode()
              + " with Content-Type '"
              + contentType
              + "' "
              + abbreviate(response.body())
              + " for "
              + request);
      return;
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (!body.path("type").isString()
          || !body.path("title").isString()
          || body.path("status").asInt() != response.statusCode()) {
        failures.add("incomplete problem " + abbreviate(response.body()) + " for " + request);
      }
    } catch (RuntimeException e) {
      failures.add("unreadable problem " + abbreviate(response.body()) + " for " + request);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** Jobs a mutated but valid request may have queued must not outlive the test. */
  void cancelLeftoverJobs() {
    for (String status : new String[] {"QUEUED", "RUNNING"}) {
      JsonNode page =
          JSON.readTree(http.get("/api/v1/training-jobs?size=500&status=" + status).body());
      for (JsonNode job : page.path("items")) {
        http.send(
            "POST", "/api/v1/training-jobs/" + job.get("id").asString() + "/cancel", null, "");
      }
    }
  }

  static HttpResponse<String> expect(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response;
  }
}
