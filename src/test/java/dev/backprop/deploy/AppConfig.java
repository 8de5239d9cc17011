package dev.backprop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the deployment files must agree with, read from {@code src/main/resources/application.yml}
 * (documents without a profile condition), with Spring Boot's defaults where a key is absent.
 */
final class AppConfig {

  static final YAMLMapper YAML = new YAMLMapper();
  static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");

  private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([^:}]+)(?::([^}]*))?}$");

  private final Map<String, String> properties;

  private AppConfig(Map<String, String> properties) {
    this.properties = properties;
  }

  static AppConfig load() {
    Map<String, String> flat = new LinkedHashMap<>();
    for (JsonNode doc : readAll(APPLICATION_YML)) {
      if (doc.at("/spring/config/activate").isMissingNode()) {
        flatten("", doc, flat);
      }
    }
    return new AppConfig(flat);
  }

  static List<JsonNode> readAll(Path file) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return docs;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asText()));
      out.put(prefix, String.join(",", items));
    } else {
      out.put(prefix, node.asText());
    }
  }

  /**
   * A property, with {@code ${ENV:default}} resolved to its default (the deployments set no env).
   */
  String get(String key, String fallback) {
    String value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    Matcher m = PLACEHOLDER.matcher(value.trim());
    if (m.matches()) {
      return m.group(2) != null ? m.group(2) : fallback;
    }
    return value.trim();
  }

  int serverPort() {
    return Integer.parseInt(get("server.port", "8080"));
  }

  /** Actuator's port: management.server.port when set, else the server's. */
  int managementPort() {
    return Integer.parseInt(get("management.server.port", String.valueOf(serverPort())));
  }

  String actuatorBasePath() {
    return get("management.endpoints.web.base-path", "/actuator");
  }

  String livenessPath() {
    return actuatorBasePath() + "/health/liveness";
  }

  String readinessPath() {
    return actuatorBasePath() + "/health/readiness";
  }

  String prometheusPath() {
    return actuatorBasePath() + "/prometheus";
  }

  boolean probesEnabled() {
    return Boolean.parseBoolean(get("management.endpoint.health.probes.enabled", "false"));
  }

  List<String> exposedEndpoints() {
    return List.of(get("management.endpoints.web.exposure.include", "health").split("\\s*,\\s*"));
  }

  String shutdown() {
    return get("server.shutdown", "graceful");
  }

  Duration shutdownTimeout() {
    return parseDuration(get("spring.lifecycle.timeout-per-shutdown-phase", "30s"));
  }

  static Duration parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h)?$").matcher(s);
    if (!m.matches()) {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMillis(n);
    };
  }
}
