package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The objects one kustomization under {@code k8s/} renders, read into fabric8's Kubernetes model.
 * The fabric8 classes keep fields they do not know in additionalProperties (checked by the tests
 * for the objects that matter most); deploy-check validates every field against the API types.
 *
 * @param dir the kustomization, e.g. {@code overlays/dev}
 * @param objects what it renders
 */
record Manifests(String dir, List<ObjectNode> objects) {

  static final Path K8S = Path.of("k8s");

  static Manifests render(String dir) {
    return new Manifests(dir, Kustomize.render(K8S.resolve(dir)));
  }

  @Override
  public String toString() {
    return dir;
  }

  List<ObjectNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  <T> Optional<T> optional(Class<T> type, String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name == null || name.equals(o.at("/metadata/name").asText()))
        .findFirst()
        .map(o -> map(o, type));
  }

  <T> T only(Class<T> type, String kind) {
    List<ObjectNode> found = ofKind(kind);
    assertThat(found).as("exactly one %s in %s", kind, dir).hasSize(1);
    return map(found.get(0), type);
  }

  static <T> T map(JsonNode node, Class<T> type) {
    try {
      return AppConfig.YAML.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException(node.path("kind") + " does not map onto " + type, e);
    }
  }

  Deployment deployment() {
    return only(Deployment.class, "Deployment");
  }

  Service service() {
    return optional(Service.class, "Service", "backprop").orElseThrow();
  }

  HorizontalPodAutoscaler hpa() {
    return only(HorizontalPodAutoscaler.class, "HorizontalPodAutoscaler");
  }

  PodDisruptionBudget pdb() {
    return only(PodDisruptionBudget.class, "PodDisruptionBudget");
  }

  ConfigMap configMap() {
    return only(ConfigMap.class, "ConfigMap");
  }

  List<Secret> secrets() {
    return ofKind("Secret").stream().map(o -> map(o, Secret.class)).toList();
  }

  List<StatefulSet> statefulSets() {
    return ofKind("StatefulSet").stream().map(o -> map(o, StatefulSet.class)).toList();
  }

  PodSpec podSpec() {
    return deployment().getSpec().getTemplate().getSpec();
  }

  Container container() {
    List<Container> containers = podSpec().getContainers();
    assertThat(containers).as("containers of the Deployment").hasSize(1);
    return containers.get(0);
  }

  /** The container port a probe or Service port refers to, by name or by number. */
  int resolvePort(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container().getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }
}
