package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest under {@code k8s/} into fabric8's Kubernetes model and checks it against
 * the application's configuration ({@code application.yml}) and against each other.
 */
class KubernetesManifestsTest {

  static final Path K8S = Path.of("k8s");
  static final Path KUSTOMIZATION = K8S.resolve("kustomization.yaml");

  /**
   * Reads documents into the fabric8 classes. These keep fields they do not know in
   * additionalProperties (checked below for the objects that matter most); deploy-check validates
   * every field against the Kubernetes API types.
   */
  static final YAMLMapper MAPPER = new YAMLMapper();

  static AppConfig app;
  static Map<String, List<JsonNode>> documentsByFile;
  static Deployment deployment;
  static Service service;
  static HorizontalPodAutoscaler hpa;
  static PodDisruptionBudget pdb;
  static ConfigMap configMap;
  static Secret secret;

  @BeforeAll
  static void parse() throws IOException {
    app = AppConfig.load();
    documentsByFile = new HashMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path f : files.filter(KubernetesManifestsTest::isYaml).sorted().toList()) {
        if (!f.equals(KUSTOMIZATION)) {
          documentsByFile.put(f.getFileName().toString(), AppConfig.readAll(f));
        }
      }
    }
    deployment = only(Deployment.class, "Deployment");
    service = only(Service.class, "Service");
    hpa = only(HorizontalPodAutoscaler.class, "HorizontalPodAutoscaler");
    pdb = only(PodDisruptionBudget.class, "PodDisruptionBudget");
    configMap = only(ConfigMap.class, "ConfigMap");
    secret = only(Secret.class, "Secret");
  }

  static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  static <T> T only(Class<T> type, String kind) {
    List<JsonNode> docs =
        documentsByFile.values().stream()
            .flatMap(List::stream)
            .filter(d -> kind.equals(d.path("kind").asText()))
            .toList();
    assertThat(docs).as("exactly one %s under k8s/", kind).hasSize(1);
    try {
      return MAPPER.treeToValue(docs.get(0), type);
    } catch (IOException e) {
      throw new UncheckedIOException("k8s/ " + kind + " does not map onto " + type.getName(), e);
    }
  }

  static Container container() {
    List<Container> containers = podSpec().getContainers();
    assertThat(containers).as("containers of the Deployment").hasSize(1);
    return containers.get(0);
  }

  static PodSpec podSpec() {
    return deployment.getSpec().getTemplate().getSpec();
  }

  static Map<String, String> podLabels() {
    return deployment.getSpec().getTemplate().getMetadata().getLabels();
  }

  /** The container port a probe or Service port refers to, by name or by number. */
  static int resolvePort(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container().getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  @Test
  void everyManifestIsParsedAndListedInTheKustomization() {
    List<JsonNode> kustomization = AppConfig.readAll(KUSTOMIZATION);
    assertThat(kustomization).hasSize(1);
    Set<String> resources = new TreeSet<>();
    kustomization.get(0).path("resources").forEach(r -> resources.add(r.asText()));
    assertThat(resources)
        .as("k8s/kustomization.yaml resources")
        .containsExactlyInAnyOrderElementsOf(new TreeSet<>(documentsByFile.keySet()));
    documentsByFile.forEach(
        (file, docs) -> {
          assertThat(docs).as(file).isNotEmpty();
          docs.forEach(
              d -> {
                assertThat(d.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(d.path("kind").asText()).as(file + " kind").isNotBlank();
                assertThat(d.at("/metadata/name").asText())
                    .as(file + " metadata.name")
                    .isNotBlank();
              });
        });
  }

  @Test
  void theMainObjectsHaveNoUnknownFields() {
    assertThat(deployment.getAdditionalProperties()).as("Deployment").isEmpty();
    assertThat(deployment.getSpec().getAdditionalProperties()).as("Deployment spec").isEmpty();
    assertThat(podSpec().getAdditionalProperties()).as("pod spec").isEmpty();
    assertThat(container().getAdditionalProperties()).as("container").isEmpty();
    assertThat(container().getSecurityContext().getAdditionalProperties())
        .as("container securityContext")
        .isEmpty();
    assertThat(service.getSpec().getAdditionalProperties()).as("Service spec").isEmpty();
    assertThat(hpa.getSpec().getAdditionalProperties()).as("HPA spec").isEmpty();
    assertThat(pdb.getSpec().getAdditionalProperties()).as("PDB spec").isEmpty();
  }

  @Test
  void containerPortIsTheServerPort() {
    ContainerPort http =
        container().getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container port named http"));
    assertThat(http.getContainerPort())
        .as("containerPort http = server.port")
        .isEqualTo(app.serverPort());
    assertThat(configMap.getData())
        .as("the ConfigMap must not move the port")
        .doesNotContainKeys("SERVER_PORT", "MANAGEMENT_SERVER_PORT");
  }

  @Test
  void probesUseTheActuatorHealthGroupsOnTheManagementPort() {
    assertThat(
            app.probesEnabled()
                || "true"
                    .equals(configMap.getData().get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")))
        .as("management.endpoint.health.probes.enabled (outside Kubernetes too)")
        .isTrue();
    assertThat(app.exposedEndpoints()).as("exposed Actuator endpoints").contains("health");
    Container c = container();
    assertProbe("startupProbe", c.getStartupProbe(), app.livenessPath());
    assertProbe("livenessProbe", c.getLivenessProbe(), app.livenessPath());
    assertProbe("readinessProbe", c.getReadinessProbe(), app.readinessPath());
    Probe startup = c.getStartupProbe();
    int startupBudget = startup.getPeriodSeconds() * startup.getFailureThreshold();
    assertThat(startupBudget)
        .as("startupProbe period x failureThreshold: the first start unpacks ND4J's natives")
        .isGreaterThanOrEqualTo(120);
  }

  static void assertProbe(String name, Probe probe, String path) {
    assertThat(probe).as(name).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get).as(name + ".httpGet").isNotNull();
    assertThat(get.getPath()).as(name + " path").isEqualTo(path);
    assertThat(get.getPort().getStrVal()).as(name + " port is the named port").isEqualTo("http");
    assertThat(resolvePort(get.getPort())).as(name + " port").isEqualTo(app.managementPort());
  }

  @Test
  void prometheusScrapeAnnotationsMatchTheActuatorEndpoint() {
    Map<String, String> annotations =
        deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", app.prometheusPath())
        .containsEntry("prometheus.io/port", String.valueOf(app.managementPort()));
    assertThat(app.exposedEndpoints()).as("exposed Actuator endpoints").contains("prometheus");
  }

  @Test
  void serviceTargetsTheNamedPortOfThePods() {
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(80);
    assertThat(port.getTargetPort().getStrVal()).as("Service targetPort").isEqualTo("http");
    assertThat(resolvePort(port.getTargetPort())).isEqualTo(app.serverPort());
    assertThat(podLabels()).containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void podAndContainerAreHardened() {
    PodSpec spec = podSpec();
    assertThat(spec.getAutomountServiceAccountToken()).as("automountServiceAccountToken").isFalse();
    PodSecurityContext pod = spec.getSecurityContext();
    SecurityContext sc = container().getSecurityContext();
    assertThat(sc).as("container securityContext").isNotNull();
    assertThat(Optional.ofNullable(sc.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot()))
        .as("runAsNonRoot")
        .isTrue();
    assertThat(Optional.ofNullable(sc.getRunAsUser()).orElse(pod.getRunAsUser()))
        .as("runAsUser: the image's uid")
        .isEqualTo(10001L);
    assertThat(sc.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
    assertThat(sc.getCapabilities().getDrop()).as("capabilities.drop").contains("ALL");
    assertThat(sc.getCapabilities().getAdd()).as("capabilities.add").isNullOrEmpty();
    String seccomp =
        sc.getSeccompProfile() != null
            ? sc.getSeccompProfile().getType()
            : pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
    assertThat(seccomp).as("seccompProfile").isEqualTo("RuntimeDefault");
  }

  @Test
  void writableDirectoriesAreEmptyDirVolumes() {
    Map<String, String> env = configMap.getData();
    String dataDir = env.get("BACKPROP_DATA_DIR");
    assertThat(dataDir).as("BACKPROP_DATA_DIR in the ConfigMap").isNotBlank();
    Matcher cache =
        Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.cachedir=(\\S+)")
            .matcher(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
    assertThat(cache.find()).as("JavaCPP cachedir in JAVA_TOOL_OPTIONS").isTrue();
    Map<String, Volume> volumes =
        podSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, String> mounts =
        container().getVolumeMounts().stream()
            .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    for (String dir : List.of("/tmp", cache.group(1), dataDir)) {
      assertThat(mounts).as("a volume mounted at " + dir).containsKey(dir);
      assertThat(volumes.get(mounts.get(dir)).getEmptyDir())
          .as("the volume at " + dir + " is an emptyDir")
          .isNotNull();
    }
  }

  @Test
  void memoryIsBoundedOnAndOffHeap() {
    String opts = configMap.getData().getOrDefault("JAVA_TOOL_OPTIONS", "");
    assertThat(opts)
        .contains("-XX:MaxRAMPercentage=")
        .contains("-Dorg.bytedeco.javacpp.maxbytes=")
        .contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=");
    Map<String, Quantity> requests = container().getResources().getRequests();
    Map<String, Quantity> limits = container().getResources().getLimits();
    for (String r : List.of("cpu", "memory")) {
      assertThat(requests).as("requests").containsKey(r);
      assertThat(limits).as("limits").containsKey(r);
      assertThat(Quantity.getAmountInBytes(requests.get(r)))
          .as(r + " request <= limit")
          .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(r)));
    }
  }

  @Test
  void terminationGraceCoversTheGracefulShutdown() {
    assertThat(app.shutdown()).as("server.shutdown").isEqualTo("graceful");
    long preStop = 0;
    var lifecycle = container().getLifecycle();
    if (lifecycle != null
        && lifecycle.getPreStop() != null
        && lifecycle.getPreStop().getExec() != null) {
      List<String> cmd = lifecycle.getPreStop().getExec().getCommand();
      if (cmd.size() == 2 && cmd.get(0).endsWith("sleep")) {
        preStop = Long.parseLong(cmd.get(1));
      }
    }
    assertThat(podSpec().getTerminationGracePeriodSeconds())
        .as("terminationGracePeriodSeconds > preStop + spring.lifecycle.timeout-per-shutdown-phase")
        .isGreaterThan(preStop + app.shutdownTimeout().toSeconds());
  }

  @Test
  void environmentComesFromTheConfigMapAndTheSecret() {
    List<String> configMaps = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (EnvFromSource from : container().getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        configMaps.add(from.getConfigMapRef().getName());
      }
      if (from.getSecretRef() != null) {
        secrets.add(from.getSecretRef().getName());
      }
    }
    assertThat(configMaps).containsExactly(configMap.getMetadata().getName());
    assertThat(secrets).containsExactly(secret.getMetadata().getName());
    Map<String, String> secretKeys = new HashMap<>();
    if (secret.getStringData() != null) {
      secretKeys.putAll(secret.getStringData());
    }
    if (secret.getData() != null) {
      secretKeys.putAll(secret.getData());
    }
    assertThat(secretKeys)
        .containsKeys(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "BACKPROP_SECURITY_ADMIN_KEYS",
            "BACKPROP_SECURITY_PREDICT_KEYS");
    assertThat(configMap.getData())
        .as("secrets belong in the Secret, not the ConfigMap")
        .doesNotContainKeys(secretKeys.keySet().toArray(String[]::new));
  }

  @Test
  void hpaScalesTheDeploymentOnCpu() {
    var target = hpa.getSpec().getScaleTargetRef();
    assertThat(target.getApiVersion()).isEqualTo("apps/v1");
    assertThat(target.getKind()).isEqualTo("Deployment");
    assertThat(target.getName()).isEqualTo(deployment.getMetadata().getName());
    assertThat(hpa.getSpec().getMetrics())
        .extracting(MetricSpec::getType, m -> m.getResource().getName())
        .contains(org.assertj.core.groups.Tuple.tuple("Resource", "cpu"));
    assertThat(hpa.getSpec().getMinReplicas())
        .as("HPA minReplicas")
        .isGreaterThanOrEqualTo(deployment.getSpec().getReplicas())
        .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    assertThat(container().getResources().getRequests())
        .as("CPU utilisation is relative to the CPU request")
        .containsKey("cpu");
  }

  @Test
  void pdbSelectsThePodsAndLeavesRoomForDrains() {
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(podLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(hpa.getSpec().getMinReplicas())
        .as("more replicas than the PDB keeps, or a node drain blocks")
        .isGreaterThan(pdb.getSpec().getMinAvailable().getIntVal());
  }
}
