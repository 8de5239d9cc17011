package dev.backprop.network;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.engine.Model;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.Parameters;
import dev.backprop.engine.Standardization;
import dev.backprop.network.ModelDocument.LayerParameters;
import dev.backprop.network.ModelDocument.StandardizationDocument;
import java.util.ArrayList;
import java.util.List;

/** Converts between the engine's {@link Model} and the portable {@link ModelDocument}. */
final class ModelDocuments {

  private ModelDocuments() {}

  static ModelDocument export(Network network, int version, Model model) {
    Parameters parameters = model.parameters();
    List<LayerParameters> layers = new ArrayList<>(parameters.layerCount());
    for (int l = 0; l < parameters.layerCount(); l++) {
      layers.add(new LayerParameters(parameters.weightsMatrix(l), parameters.biases(l)));
    }
    Standardization s = model.standardization();
    return new ModelDocument(
        ModelDocument.FORMAT,
        ModelDocument.FORMAT_VERSION,
        null,
        network.definition(),
        version,
        s == null ? null : new StandardizationDocument(s.mean(), s.std()),
        layers);
  }

  /** The model a document describes, checked against the network it defines. */
  static Model toModel(ModelDocument document, NetworkSpec spec) {
    if (!ModelDocument.FORMAT.equals(document.format())) {
      throw invalid("format", "must be '" + ModelDocument.FORMAT + "'");
    }
    if (document.formatVersion() != ModelDocument.FORMAT_VERSION) {
      throw invalid(
          "formatVersion",
          "version " + document.formatVersion() + " is not supported; this server reads 1");
    }
    List<LayerParameters> layers = document.layers();
    if (layers.size() != spec.layers().size()) {
      throw invalid(
          "layers",
          "has " + layers.size() + " layers but the network defines " + spec.layers().size());
    }
    List<float[][]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    int fanIn = spec.inputs();
    for (int l = 0; l < layers.size(); l++) {
      int units = spec.layers().get(l).units();
      LayerParameters layer = layers.get(l);
      String at = "layers[" + l + "]";
      checkMatrix(at + ".weights", layer.weights(), units, fanIn);
      checkVector(at + ".biases", layer.biases(), units);
      weights.add(layer.weights());
      biases.add(layer.biases());
      fanIn = units;
    }
    return new Model(spec, Parameters.of(weights, biases), standardization(document, spec));
  }

  private static Standardization standardization(ModelDocument document, NetworkSpec spec) {
    StandardizationDocument s = document.standardization();
    if (s == null) {
      return null;
    }
    checkVector("standardization.mean", s.mean(), spec.inputs());
    checkVector("standardization.std", s.std(), spec.inputs());
    for (int i = 0; i < s.std().length; i++) {
      if (!(s.std()[i] > 0)) {
        throw invalid("standardization.std[" + i + "]", "must be positive");
      }
    }
    return new Standardization(s.mean(), s.std());
  }

  private static void checkMatrix(String field, float[][] matrix, int rows, int columns) {
    if (matrix.length != rows) {
      throw invalid(field, "must have " + rows + " rows (one per unit), has " + matrix.length);
    }
    for (int j = 0; j < rows; j++) {
      checkVector(field + "[" + j + "]", matrix[j], columns);
    }
  }

  private static void checkVector(String field, float[] vector, int length) {
    if (vector == null || vector.length != length) {
      throw invalid(
          field, "must have " + length + " values, has " + (vector == null ? 0 : vector.length));
    }
    for (int i = 0; i < length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw invalid(field + "[" + i + "]", "must be a finite float32 number");
      }
    }
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.INPUT, field, message);
  }
}
