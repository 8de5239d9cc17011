package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What sets the overlays apart: the base has no Secret; dev generates one and runs PostgreSQL for
 * the service; production pins its image and brings no Secret; and every file under {@code k8s/} is
 * used. Where kubectl is installed, {@link Kustomize} must render what kubectl renders.
 */
class KubernetesOverlaysTest {

  static final String SECRET = "backprop-secrets";
  static final List<String> SECRET_KEYS =
      List.of(
          "SPRING_DATASOURCE_URL",
          "SPRING_DATASOURCE_USERNAME",
          "SPRING_DATASOURCE_PASSWORD",
          "BACKPROP_SECURITY_ADMIN_KEYS",
          "BACKPROP_SECURITY_PREDICT_KEYS");

  @Test
  void everyManifestIsRenderedByAKustomizationAndNoneIsASecret() throws IOException {
    Set<Path> yaml;
    try (Stream<Path> files = Files.walk(Manifests.K8S)) {
      yaml =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .map(Path::normalize)
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<Path> used = new HashSet<>(Kustomize.inputs(Manifests.K8S));
    for (Path file : yaml) {
      if (file.getFileName().toString().equals("kustomization.yaml")) {
        used.add(file);
        for (JsonNode r : Kustomize.kustomization(file.getParent()).path("resources")) {
          used.add(file.resolveSibling(r.asText()).normalize());
        }
      }
    }
    assertThat(yaml).as("files under k8s/ no kustomization uses").allMatch(used::contains);
    for (Path file : yaml) {
      assertThat(Files.readString(file))
          .as(file + " holds no Secret")
          .doesNotContain("kind: Secret");
    }
  }

  @Test
  void theBaseReadsTheSecretByNameAndHasNone() {
    Manifests base = Manifests.render("base");
    assertThat(base.secrets()).isEmpty();
    assertThat(base.statefulSets()).isEmpty();
  }

  @Test
  void devGeneratesTheSecretWithValuesOfItsOwn() {
    Manifests dev = Manifests.render("overlays/dev");
    Map<String, String> values = secretValues(dev.secrets());
    assertThat(values).containsKeys(SECRET_KEYS.toArray(String[]::new));
    for (String key :
        List.of(
            "SPRING_DATASOURCE_PASSWORD",
            "BACKPROP_SECURITY_ADMIN_KEYS",
            "BACKPROP_SECURITY_PREDICT_KEYS")) {
      assertThat(values.get(key))
          .as(key + ": long and random, no placeholder")
          .hasSizeGreaterThanOrEqualTo(32)
          .doesNotContainIgnoringCase("change")
          .doesNotContainIgnoringCase("secret")
          .doesNotContainIgnoringCase("password");
    }
    assertThat(values.get("BACKPROP_SECURITY_ADMIN_KEYS"))
        .isNotEqualTo(values.get("BACKPROP_SECURITY_PREDICT_KEYS"));
  }

  @Test
  void devRunsOnePostgresWithItsOwnVolumeForTheService() {
    Manifests dev = Manifests.render("overlays/dev");
    List<StatefulSet> sets = dev.statefulSets();
    assertThat(sets).hasSize(1);
    StatefulSet postgres = sets.get(0);
    assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
    assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1);
    Container db = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(db.getImage()).startsWith("postgres:16");
    assertThat(db.getVolumeMounts())
        .anyMatch(
            v ->
                v.getName()
                    .equals(
                        postgres
                            .getSpec()
                            .getVolumeClaimTemplates()
                            .get(0)
                            .getMetadata()
                            .getName()));

    Service service =
        dev.optional(Service.class, "Service", postgres.getSpec().getServiceName()).orElseThrow();
    assertThat(postgres.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    int port = service.getSpec().getPorts().get(0).getPort();
    assertThat(db.getPorts()).anyMatch(p -> p.getContainerPort() == 5432);

    Map<String, String> secret = secretValues(dev.secrets());
    Map<String, EnvVar> env =
        db.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    URI url = URI.create(secret.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
    assertThat(url.getScheme()).isEqualTo("postgresql");
    assertThat(url.getHost())
        .as("the service's database host")
        .isEqualTo(service.getMetadata().getName());
    assertThat(url.getPort()).isEqualTo(port);
    assertThat(url.getPath()).isEqualTo("/" + env.get("POSTGRES_DB").getValue());
    for (String[] pair :
        List.of(
            new String[] {"POSTGRES_USER", "SPRING_DATASOURCE_USERNAME"},
            new String[] {"POSTGRES_PASSWORD", "SPRING_DATASOURCE_PASSWORD"})) {
      var ref = env.get(pair[0]).getValueFrom().getSecretKeyRef();
      assertThat(ref.getName()).as(pair[0] + " from the generated Secret").isEqualTo(SECRET);
      assertThat(ref.getKey()).as(pair[0]).isEqualTo(pair[1]);
    }
    assertThat(dev.deployment().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void productionPinsItsImageInARegistryAndBringsNoSecret() {
    Manifests production = Manifests.render("overlays/production");
    assertThat(production.secrets()).as("the Secret exists already").isEmpty();
    assertThat(production.statefulSets()).as("the database is external").isEmpty();
    String image = production.container().getImage();
    assertThat(image.substring(0, image.indexOf('/')))
        .as("a registry host in " + image)
        .contains(".");
    assertThat(image)
        .as("pinned by version or digest")
        .matches(".+(:[0-9][\\w.-]*|@sha256:[0-9a-f]{64})")
        .doesNotEndWith(":latest");
  }

  @Test
  void theRootKustomizationIsProduction() {
    assertThat(Kustomize.render(Manifests.K8S))
        .isEqualTo(Manifests.render("overlays/production").objects());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
  void kubectlRendersTheSame(String dir) throws Exception {
    assumeTrue(kubectl(), "kubectl is not installed: the Java rendering is not cross-checked");
    Process process =
        new ProcessBuilder("kubectl", "kustomize", Manifests.K8S.resolve(dir).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    // Generated names carry a hash of their content; the Java rendering leaves it out.
    out = out.replaceAll("\\b(" + SECRET + ")-[a-z0-9]{10}\\b", "$1");
    List<JsonNode> expected =
        AppConfig.YAML.readerFor(JsonNode.class).<JsonNode>readValues(out).readAll();
    // kubectl folds long base64 values over several lines.
    for (JsonNode o : expected) {
      if (o.path("data").isObject() && "Secret".equals(o.path("kind").asText())) {
        ObjectNode data = (ObjectNode) o.path("data");
        data.properties()
            .forEach(e -> data.put(e.getKey(), e.getValue().asText().replaceAll("\\s", "")));
      }
    }
    List<ObjectNode> actual = Manifests.render(dir).objects();
    assertThat(byKindAndName(actual)).isEqualTo(byKindAndName(expected));
  }

  static Map<String, JsonNode> byKindAndName(List<? extends JsonNode> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(
                o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText(), o -> o));
  }

  static boolean kubectl() {
    try {
      Process p =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Map<String, String> secretValues(List<Secret> secrets) {
    assertThat(secrets).extracting(s -> s.getMetadata().getName()).containsExactly(SECRET);
    return secrets.get(0).getData().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }
}
