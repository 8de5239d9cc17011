package dev.backprop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features {@code k8s/}
 * uses: {@code resources} (files and directories), {@code secretGenerator} ({@code envs}, {@code
 * literals}, {@code options.labels}), {@code patches} (strategic merge, by kind and name; lists of
 * named items merge by name, {@code null} deletes), {@code images}, {@code labels} and {@code
 * namespace}. Anything else in a kustomization is refused rather than ignored. Generated names get
 * no hash suffix; {@link KubernetesOverlaysTest} compares the result with kubectl's where kubectl
 * is installed.
 */
final class Kustomize {

  static final Set<String> SUPPORTED =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "secretGenerator",
          "patches",
          "images",
          "labels",
          "namespace");

  private Kustomize() {}

  /** The objects a directory's kustomization renders. */
  static List<ObjectNode> render(Path dir) {
    JsonNode k = kustomization(dir);
    Set<String> unsupported = new LinkedHashSet<>();
    k.properties().forEach(e -> unsupported.add(e.getKey()));
    unsupported.removeAll(SUPPORTED);
    if (!unsupported.isEmpty()) {
      throw new IllegalStateException(dir + ": kustomization fields not rendered: " + unsupported);
    }
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode resource : k.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        out.addAll(render(path));
      } else {
        AppConfig.readAll(path).forEach(d -> out.add((ObjectNode) d));
      }
    }
    for (JsonNode generator : k.path("secretGenerator")) {
      out.add(secret(dir, generator));
    }
    for (JsonNode patch : k.path("patches")) {
      for (JsonNode doc : AppConfig.readAll(dir.resolve(patch.path("path").asText()))) {
        merge(find(out, doc.path("kind").asText(), doc.at("/metadata/name").asText()), doc);
      }
    }
    for (JsonNode image : k.path("images")) {
      setImages(out, image);
    }
    for (JsonNode labels : k.path("labels")) {
      if (labels.path("includeSelectors").asBoolean(false)) {
        throw new IllegalStateException(dir + ": labels with includeSelectors are not rendered");
      }
      out.forEach(
          o -> metadata(o).withObjectProperty("labels").setAll((ObjectNode) labels.path("pairs")));
    }
    if (k.hasNonNull("namespace")) {
      out.forEach(o -> metadata(o).put("namespace", k.path("namespace").asText()));
    }
    return out;
  }

  /** Files the kustomizations under {@code root} use as patches or generator inputs. */
  static Set<Path> inputs(Path root) throws IOException {
    Set<Path> inputs = new LinkedHashSet<>();
    try (var files = Files.walk(root)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
        JsonNode k = kustomization(f.getParent());
        k.path("patches").forEach(p -> inputs.add(f.resolveSibling(p.path("path").asText())));
        for (JsonNode generator : k.path("secretGenerator")) {
          generator.path("envs").forEach(e -> inputs.add(f.resolveSibling(e.asText())));
        }
      }
    }
    return inputs;
  }

  static JsonNode kustomization(Path dir) {
    return AppConfig.readAll(dir.resolve("kustomization.yaml")).get(0);
  }

  private static ObjectNode secret(Path dir, JsonNode generator) {
    ObjectNode secret = JsonNodeFactory.instance.objectNode();
    secret.put("apiVersion", "v1").put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    metadata.put("name", generator.path("name").asText());
    if (generator.at("/options/labels").isObject()) {
      metadata.set("labels", generator.at("/options/labels").deepCopy());
    }
    secret.put("type", "Opaque");
    ObjectNode data = secret.putObject("data");
    List<String> pairs = new ArrayList<>();
    for (JsonNode env : generator.path("envs")) {
      try {
        Files.readAllLines(dir.resolve(env.asText())).stream()
            .filter(l -> !l.isBlank() && !l.strip().startsWith("#"))
            .forEach(pairs::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    generator.path("literals").forEach(l -> pairs.add(l.asText()));
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      data.put(
          pair.substring(0, eq).strip(),
          Base64.getEncoder()
              .encodeToString(pair.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
    }
    return secret;
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name.equals(o.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + kind + "/" + name + " to patch"));
  }

  /** Strategic merge: objects merge, named items of lists merge by name, null deletes. */
  static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode current = target.get(e.getKey());
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && current instanceof ObjectNode object) {
        merge(object, value);
      } else if (value.isArray() && current instanceof ArrayNode list && named(list, value)) {
        for (JsonNode item : value) {
          ObjectNode match = byName(list, item.path("name").asText());
          if (match == null) {
            list.add(item.deepCopy());
          } else {
            merge(match, item);
          }
        }
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
  }

  private static boolean named(JsonNode a, JsonNode b) {
    for (JsonNode list : List.of(a, b)) {
      for (JsonNode item : list) {
        if (!item.isObject() || !item.hasNonNull("name")) {
          return false;
        }
      }
    }
    return true;
  }

  private static ObjectNode byName(ArrayNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return (ObjectNode) item;
      }
    }
    return null;
  }

  private static void setImages(List<ObjectNode> objects, JsonNode image) {
    String name = image.path("name").asText();
    for (ObjectNode o : objects) {
      for (JsonNode c : o.at("/spec/template/spec/containers")) {
        String current = c.path("image").asText();
        if (current.equals(name)
            || current.startsWith(name + ":")
            || current.startsWith(name + "@")) {
          String repo = image.path("newName").asText(name);
          String ref =
              image.hasNonNull("digest")
                  ? "@" + image.path("digest").asText()
                  : image.hasNonNull("newTag") ? ":" + image.path("newTag").asText() : "";
          ((ObjectNode) c).put("image", repo + ref);
        }
      }
    }
  }

  private static ObjectNode metadata(ObjectNode o) {
    return o.withObjectProperty("metadata");
  }
}
