package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the base and both overlays under {@code k8s/} render, rendered by {@link Kustomize} and
 * checked against the application's configuration ({@code application.yml}), the Dockerfile and
 * each other. {@link KubernetesOverlaysTest} checks what differs between the overlays.
 */
class KubernetesManifestsTest {

  static final AppConfig APP = AppConfig.load();
  static final Pattern CACHEDIR =
      Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.cachedir=(\\S+?)\"?(\\s|$)");

  static Stream<Manifests> rendered() {
    return Stream.of("base", "overlays/dev", "overlays/production").map(Manifests::render);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void theMainObjectsHaveNoUnknownFields(Manifests m) {
    var deployment = m.deployment();
    assertThat(deployment.getAdditionalProperties()).as("Deployment").isEmpty();
    assertThat(deployment.getSpec().getAdditionalProperties()).as("Deployment spec").isEmpty();
    assertThat(m.podSpec().getAdditionalProperties()).as("pod spec").isEmpty();
    assertThat(m.container().getAdditionalProperties()).as("container").isEmpty();
    assertThat(m.container().getSecurityContext().getAdditionalProperties()).isEmpty();
    assertThat(m.service().getSpec().getAdditionalProperties()).as("Service spec").isEmpty();
    assertThat(m.hpa().getSpec().getAdditionalProperties()).as("HPA spec").isEmpty();
    assertThat(m.pdb().getSpec().getAdditionalProperties()).as("PDB spec").isEmpty();
    m.statefulSets()
        .forEach(
            s -> assertThat(s.getSpec().getAdditionalProperties()).as("StatefulSet").isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void containerPortIsTheServerPort(Manifests m) {
    ContainerPort http =
        m.container().getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container port named http"));
    assertThat(http.getContainerPort()).as("containerPort http").isEqualTo(APP.serverPort());
    assertThat(m.configMap().getData())
        .as("the ConfigMap must not move the port")
        .doesNotContainKeys("SERVER_PORT", "MANAGEMENT_SERVER_PORT");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void probesUseTheActuatorHealthGroupsOnTheManagementPort(Manifests m) {
    assertThat(
            APP.probesEnabled()
                || "true"
                    .equals(
                        m.configMap().getData().get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")))
        .as("management.endpoint.health.probes.enabled (outside Kubernetes too)")
        .isTrue();
    assertThat(APP.exposedEndpoints()).as("exposed Actuator endpoints").contains("health");
    Container c = m.container();
    assertProbe(m, "startupProbe", c.getStartupProbe(), APP.livenessPath());
    assertProbe(m, "livenessProbe", c.getLivenessProbe(), APP.livenessPath());
    assertProbe(m, "readinessProbe", c.getReadinessProbe(), APP.readinessPath());
    Probe startup = c.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .as("startupProbe period x failureThreshold: Spring and ND4J start on a slow node")
        .isGreaterThanOrEqualTo(120);
  }

  static void assertProbe(Manifests m, String name, Probe probe, String path) {
    assertThat(probe).as(name).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get).as(name + ".httpGet").isNotNull();
    assertThat(get.getPath()).as(name + " path").isEqualTo(path);
    assertThat(get.getPort().getStrVal()).as(name + " port is the named port").isEqualTo("http");
    assertThat(m.resolvePort(get.getPort())).as(name + " port").isEqualTo(APP.managementPort());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void prometheusScrapeAnnotationsMatchTheActuatorEndpoint(Manifests m) {
    Map<String, String> annotations =
        m.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", APP.prometheusPath())
        .containsEntry("prometheus.io/port", String.valueOf(APP.managementPort()));
    assertThat(APP.exposedEndpoints()).as("exposed Actuator endpoints").contains("prometheus");
    assertThat(m.configMap().getData().get("BACKPROP_SECURITY_OPEN_ACTUATOR"))
        .as("whether the scrape needs a key is stated in the ConfigMap")
        .isIn("true", "false");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void serviceTargetsTheNamedPortOfThePods(Manifests m) {
    var spec = m.service().getSpec();
    assertThat(spec.getType()).isEqualTo("ClusterIP");
    ServicePort port = spec.getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(80);
    assertThat(port.getTargetPort().getStrVal()).as("Service targetPort").isEqualTo("http");
    assertThat(m.resolvePort(port.getTargetPort())).isEqualTo(APP.serverPort());
    assertThat(m.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(spec.getSelector());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void podAndContainerAreHardened(Manifests m) {
    PodSpec spec = m.podSpec();
    assertThat(spec.getAutomountServiceAccountToken()).as("automountServiceAccountToken").isFalse();
    PodSecurityContext pod = spec.getSecurityContext();
    SecurityContext sc = m.container().getSecurityContext();
    assertThat(Optional.ofNullable(sc.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot())).isTrue();
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

  /**
   * /tmp and the data dir are writable emptyDirs; JavaCPP's cache is the image's own, filled when
   * it was built, so nothing may be mounted over it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void writableDirectoriesAreEmptyDirsAndTheNativesComeFromTheImage(Manifests m)
      throws IOException {
    Map<String, String> env = m.configMap().getData();
    String dataDir = env.get("BACKPROP_DATA_DIR");
    assertThat(dataDir).as("BACKPROP_DATA_DIR in the ConfigMap").isNotBlank();
    Map<String, Volume> volumes =
        m.podSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, String> mounts =
        m.container().getVolumeMounts().stream()
            .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    for (String dir : List.of("/tmp", dataDir)) {
      assertThat(mounts).as("a volume mounted at " + dir).containsKey(dir);
      assertThat(volumes.get(mounts.get(dir)).getEmptyDir())
          .as(dir + " is an emptyDir")
          .isNotNull();
    }
    String cache = cacheDir(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
    assertThat(cache)
        .as("JavaCPP cachedir in the ConfigMap = the image's, where its natives were unpacked")
        .isEqualTo(cacheDir(String.join(" ", ContainerFilesTest.dockerfileInstructions())));
    assertThat(mounts.keySet())
        .as("no volume hides the image's natives")
        .noneMatch(path -> (cache + "/").startsWith(path.endsWith("/") ? path : path + "/"));
  }

  static String cacheDir(String text) {
    Matcher m = CACHEDIR.matcher(text);
    assertThat(m.find()).as("-Dorg.bytedeco.javacpp.cachedir in " + text).isTrue();
    return m.group(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void memoryIsBoundedOnAndOffHeap(Manifests m) {
    assertThat(m.configMap().getData().getOrDefault("JAVA_TOOL_OPTIONS", ""))
        .contains("-XX:MaxRAMPercentage=")
        .contains("-Dorg.bytedeco.javacpp.maxbytes=")
        .contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=")
        .as("the time zone the image's natives were unpacked in")
        .contains("-Duser.timezone=UTC");
    Map<String, Quantity> requests = m.container().getResources().getRequests();
    Map<String, Quantity> limits = m.container().getResources().getLimits();
    for (String r : List.of("cpu", "memory")) {
      assertThat(Quantity.getAmountInBytes(requests.get(r)))
          .as(r + " request <= limit")
          .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(r)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void terminationGraceCoversTheGracefulShutdown(Manifests m) {
    assertThat(APP.shutdown()).as("server.shutdown").isEqualTo("graceful");
    long preStop = 0;
    var lifecycle = m.container().getLifecycle();
    if (lifecycle != null
        && lifecycle.getPreStop() != null
        && lifecycle.getPreStop().getExec() != null) {
      List<String> cmd = lifecycle.getPreStop().getExec().getCommand();
      if (cmd.size() == 2 && cmd.get(0).endsWith("sleep")) {
        preStop = Long.parseLong(cmd.get(1));
      }
    }
    assertThat(m.podSpec().getTerminationGracePeriodSeconds())
        .as("terminationGracePeriodSeconds > preStop + spring.lifecycle.timeout-per-shutdown-phase")
        .isGreaterThan(preStop + APP.shutdownTimeout().toSeconds());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void environmentComesFromTheConfigMapAndTheSecretByName(Manifests m) {
    List<String> configMaps = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (EnvFromSource from : m.container().getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        configMaps.add(from.getConfigMapRef().getName());
      }
      if (from.getSecretRef() != null) {
        secrets.add(from.getSecretRef().getName());
      }
    }
    assertThat(configMaps).containsExactly(m.configMap().getMetadata().getName());
    assertThat(secrets).containsExactly(KubernetesOverlaysTest.SECRET);
    assertThat(m.configMap().getData())
        .as("secrets belong in the Secret, not the ConfigMap")
        .doesNotContainKeys(KubernetesOverlaysTest.SECRET_KEYS.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void hpaScalesTheDeploymentOnCpu(Manifests m) {
    var hpa = m.hpa().getSpec();
    assertThat(hpa.getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
    assertThat(hpa.getScaleTargetRef().getName()).isEqualTo(m.deployment().getMetadata().getName());
    assertThat(hpa.getMetrics())
        .extracting(MetricSpec::getType, s -> s.getResource().getName())
        .contains(org.assertj.core.groups.Tuple.tuple("Resource", "cpu"));
    assertThat(hpa.getMinReplicas())
        .as("HPA minReplicas")
        .isGreaterThanOrEqualTo(m.deployment().getSpec().getReplicas())
        .isLessThanOrEqualTo(hpa.getMaxReplicas());
    assertThat(m.container().getResources().getRequests()).containsKey("cpu");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void pdbSelectsThePodsAndLeavesRoomForDrains(Manifests m) {
    PodDisruptionBudgetSpec pdb = m.pdb().getSpec();
    assertThat(m.deployment().getSpec().getSelector().getMatchLabels())
        .isEqualTo(pdb.getSelector().getMatchLabels());
    if (pdb.getMinAvailable() != null) {
      assertThat(pdb.getMaxUnavailable()).isNull();
      assertThat(m.hpa().getSpec().getMinReplicas())
          .as("more replicas than the PDB keeps, or a node drain blocks")
          .isGreaterThan(pdb.getMinAvailable().getIntVal());
    } else {
      assertThat(pdb.getMaxUnavailable().getIntVal()).as("maxUnavailable").isPositive();
    }
  }
}
