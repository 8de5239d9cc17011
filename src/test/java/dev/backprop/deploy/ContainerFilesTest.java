package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile's and docker-compose.yml's health checks and ports against application.yml. */
class ContainerFilesTest {

  final AppConfig app = AppConfig.load();

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  static List<String> dockerfileInstructions() throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      String s = line.strip();
      if (s.startsWith("#") || (s.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (s.endsWith("\\")) {
        current.append(s, 0, s.length() - 1).append(' ');
      } else {
        current.append(s);
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    return out;
  }

  static String instruction(List<String> all, String keyword) {
    List<String> found =
        all.stream().filter(i -> i.toUpperCase().startsWith(keyword + " ")).toList();
    assertThat(found).as("Dockerfile " + keyword).isNotEmpty();
    return found.get(found.size() - 1);
  }

  @Test
  void dockerfileHealthCheckProbesLivenessOnTheServerPort() throws IOException {
    List<String> all = dockerfileInstructions();
    String healthcheck = instruction(all, "HEALTHCHECK");
    Matcher url = Pattern.compile("http://[^:/\"]+:([^/\"]+)(/[^\"\\s]*)").matcher(healthcheck);
    assertThat(url.find()).as("a URL in " + healthcheck).isTrue();
    assertThat(url.group(2)).as("HEALTHCHECK path").isEqualTo(app.livenessPath());
    String port = url.group(1);
    Matcher withDefault = Pattern.compile("\\$\\{SERVER_PORT:-(\\d+)}").matcher(port);
    assertThat(withDefault.matches() ? withDefault.group(1) : port)
        .as("HEALTHCHECK port")
        .isEqualTo(String.valueOf(app.managementPort()));
    assertThat(instruction(all, "EXPOSE")).isEqualTo("EXPOSE " + app.serverPort());
    assertThat(instruction(all, "USER")).matches("USER 10001(:10001)?");
    assertThat(instruction(all, "ENTRYPOINT")).as("exec form").startsWith("ENTRYPOINT [");
  }

  /**
   * The image's natives are unpacked while it is built, by {@link dev.backprop.NativeLibraries},
   * into the cache dir the container then reads (owned by root: nothing writes there at run time).
   */
  @Test
  void nativesAreUnpackedWhileTheImageIsBuilt() throws IOException {
    List<String> all = dockerfileInstructions();
    String unpack =
        all.stream()
            .filter(i -> i.startsWith("RUN ") && i.contains(NativeLibraries.class.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no RUN of " + NativeLibraries.class.getName()));
    String runtime = instruction(all, "ENV");
    assertThat(KubernetesManifestsTest.cacheDir(unpack))
        .as("the cache filled at build time is the one the container reads")
        .isEqualTo(KubernetesManifestsTest.cacheDir(runtime));
    assertThat(List.of(unpack, runtime))
        .as("the same time zone when unpacking and when loading (the jars' times are local)")
        .allMatch(i -> i.contains("-Duser.timezone=UTC"));
    String classFile = NativeLibraries.class.getName().replace('.', '/') + ".class";
    assertThat(all)
        .as("the class is copied from the build stage before it runs")
        .anyMatch(i -> i.startsWith("COPY --from=") && i.contains(classFile));
    assertThat(String.join("\n", all))
        .as("the cache is not made writable for the application's user")
        .doesNotContainPattern("chown[^\\n]*" + KubernetesManifestsTest.cacheDir(runtime));
  }

  @Test
  void composeServiceHealthCheckAndPortMatchTheApplication() {
    JsonNode compose = AppConfig.readAll(Path.of("docker-compose.yml")).get(0);
    JsonNode services = compose.path("services");
    List<String> built = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : services.properties()) {
      if (e.getValue().has("build")) {
        built.add(e.getKey());
      }
    }
    assertThat(built).as("services built from the Dockerfile").hasSize(1);
    JsonNode svc = services.path(built.get(0));

    List<String> test = new ArrayList<>();
    svc.at("/healthcheck/test").forEach(n -> test.add(n.asText()));
    assertThat(String.join(" ", test))
        .as("compose healthcheck")
        .contains("http://127.0.0.1:" + app.managementPort() + app.livenessPath());

    List<String> ports = new ArrayList<>();
    svc.path("ports").forEach(n -> ports.add(n.asText()));
    assertThat(ports).as("published ports").anyMatch(p -> p.endsWith(":" + app.serverPort()));

    JsonNode env = svc.path("environment");
    for (String key :
        List.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "BACKPROP_SECURITY_ADMIN_KEYS",
            "BACKPROP_SECURITY_PREDICT_KEYS")) {
      assertThat(env.has(key)).as("compose environment " + key).isTrue();
    }
    for (String key : List.of("BACKPROP_SECURITY_ADMIN_KEYS", "BACKPROP_SECURITY_PREDICT_KEYS")) {
      // No well-known default key: unset means no keys (open, with the service's warning).
      assertThat(env.path(key).asText())
          .as("compose " + key + " has no default value")
          .matches("\\$\\{" + key + "(:?-)?}");
    }
    String grace = svc.path("stop_grace_period").asText("10s");
    assertThat(AppConfig.parseDuration(grace))
        .as("stop_grace_period > the graceful shutdown timeout")
        .isGreaterThan(app.shutdownTimeout());

    String postgres = svc.at("/depends_on").fieldNames().next();
    assertThat(svc.at("/depends_on/" + postgres + "/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.at("/" + postgres + "/image").asText()).startsWith("postgres:16");
    assertThat(services.at("/" + postgres + "/healthcheck/test").toString()).contains("pg_isready");
  }
}
