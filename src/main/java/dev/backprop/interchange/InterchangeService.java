package dev.backprop.interchange;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Loss;
import dev.backprop.interchange.ImportedGraph.Layer;
import dev.backprop.network.LayerDefinition;
import dev.backprop.network.ModelDocument;
import dev.backprop.network.ModelDocument.LayerParameters;
import dev.backprop.network.ModelDocument.StandardizationDocument;
import dev.backprop.network.NetworkCreator;
import dev.backprop.network.NetworkDefinition;
import dev.backprop.network.NetworkResponse;
import dev.backprop.network.NetworkService;
import dev.backprop.network.TrainedVersion;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Exports trained versions as ONNX models and imports ONNX models as new networks. An import
 * becomes a model document and goes through {@link NetworkCreator#importModel}, so it meets the
 * same checks and limits, with the same problem details, as a JSON import, and nothing is stored
 * unless every check passed.
 */
@Service
public class InterchangeService {

  /** The {@code metadata_props} keys an export writes and an import reads. */
  static final String NETWORK = "network";

  static final String VERSION = "version";
  static final String LABELS = "labels";
  static final String FEATURES = "features";

  private final NetworkService networks;
  private final NetworkCreator creator;
  private final ObjectMapper json;

  InterchangeService(NetworkService networks, NetworkCreator creator, ObjectMapper json) {
    this.networks = networks;
    this.creator = creator;
    this.json = json;
  }

  /**
   * An exported version.
   *
   * @param filename what a client should save it as, {@code iris-v3.onnx}
   * @param bytes the ONNX model
   */
  public record OnnxFile(String filename, byte[] bytes) {}

  /**
   * What a client may say about an imported model; each null when not said.
   *
   * @param name the new network's name (default: the model's {@code network} metadata)
   * @param loss the loss to train it with (default: from the output activation)
   * @param labels one per output unit (default: the model's {@code labels} metadata)
   * @param features one per input (default: the model's {@code features} metadata)
   */
  public record ImportOptions(
      String name, String loss, List<String> labels, List<String> features) {}

  /** Version {@code reference} ({@code latest} or a number) of a network as an ONNX model. */
  public OnnxFile export(String name, String reference) {
    int version = networks.resolve(name, reference);
    TrainedVersion trained = networks.load(name, version);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(NETWORK, name);
    metadata.put(VERSION, String.valueOf(version));
    if (trained.labels() != null) {
      metadata.put(LABELS, json.writeValueAsString(trained.labels()));
    }
    if (trained.network().features() != null) {
      metadata.put(FEATURES, json.writeValueAsString(trained.network().features()));
    }
    return new OnnxFile(
        name + "-v" + version + ".onnx", OnnxExporter.export(trained.model(), name, metadata));
  }

  /** A new network whose version 1 holds the ONNX model's parameters. */
  public NetworkResponse importModel(byte[] body, ImportOptions options) {
    ImportedGraph graph = OnnxImporter.read(body);
    String name = options.name() != null ? options.name() : graph.metadata().get(NETWORK);
    if (name == null || !name.matches(NetworkDefinition.NAME_PATTERN)) {
      throw new InvalidFieldException(
          Subject.REQUEST,
          "name",
          name == null
              ? "name the new network with ?name= (the model's metadata names none)"
              : NetworkDefinition.NAME_MESSAGE + ", was '" + name + "'");
    }
    List<Layer> layers = graph.layers();
    Activation output = layers.get(layers.size() - 1).activation();
    NetworkDefinition definition =
        new NetworkDefinition(
            name,
            graph.inputs(),
            names(FEATURES, options.features(), graph.metadata()),
            layers.stream()
                .map(l -> new LayerDefinition(l.biases().length, l.activation().apiName()))
                .toList(),
            options.loss() != null ? options.loss() : lossFor(output).apiName(),
            null,
            null,
            names(LABELS, options.labels(), graph.metadata()));
    ModelDocument document =
        new ModelDocument(
            ModelDocument.FORMAT,
            ModelDocument.FORMAT_VERSION,
            null,
            definition,
            null,
            graph.mean() == null ? null : new StandardizationDocument(graph.mean(), graph.std()),
            layers.stream().map(l -> new LayerParameters(l.weights(), l.biases())).toList());
    return creator.importModel(document);
  }

  /** The loss an output activation is trained with unless the client says otherwise. */
  static Loss lossFor(Activation output) {
    return switch (output) {
      case SOFTMAX -> Loss.CROSS_ENTROPY;
      case SIGMOID -> Loss.BINARY_CROSS_ENTROPY;
      default -> Loss.QUADRATIC;
    };
  }

  /** Labels or features: the client's, else the model's metadata (a JSON array), else none. */
  private List<String> names(String key, List<String> given, Map<String, String> metadata) {
    if (given != null) {
      return checked(given, key, Subject.REQUEST);
    }
    String value = metadata.get(key);
    if (value == null) {
      return null;
    }
    String field = "metadata_props." + key;
    String[] names;
    try {
      names = json.readValue(value, String[].class);
    } catch (JacksonException e) {
      names = null;
    }
    if (names == null) {
      throw new InvalidFieldException(
          Subject.NETWORK, field, "must be a JSON array of strings, was " + value);
    }
    return checked(Arrays.asList(names), field, Subject.NETWORK);
  }

  private static List<String> checked(List<String> names, String field, Subject subject) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || names.get(i).isBlank()) {
        throw new InvalidFieldException(subject, field + "[" + i + "]", "must not be blank");
      }
    }
    return names.isEmpty() ? null : List.copyOf(names);
  }
}
