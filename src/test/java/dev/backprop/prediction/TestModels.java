package dev.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trained versions in an instant: a model document with seeded random weights, imported over HTTP
 * as version 1 of a new network.
 */
public final class TestModels {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestModels() {}

  /** An iris-shaped classifier, 4-8-3 (relu, softmax), with labels. */
  public static void importIris(HttpTestClient http, String name) {
    var response =
        http.send(
            "POST",
            "/api/v1/networks/import",
            "application/json",
            document(
                name,
                4,
                new int[] {8, 3},
                "relu",
                42,
                List.of("setosa", "versicolor", "virginica"),
                Map.of(
                    "mean", new float[] {5.8f, 3.0f, 3.7f, 1.2f},
                    "std", new float[] {0.8f, 0.4f, 1.7f, 0.7f})));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /**
   * A network of {@code inputs} inputs and the given layer sizes (hidden layers use {@code hidden}
   * activation, the last layer softmax), with weights drawn from {@code seed}.
   */
  public static void importModel(
      HttpTestClient http,
      String name,
      int inputs,
      int[] units,
      String hidden,
      long seed,
      List<String> labels) {
    var response =
        http.send(
            "POST",
            "/api/v1/networks/import",
            "application/json",
            document(name, inputs, units, hidden, seed, labels, null));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /** The model document itself. */
  public static String document(
      String name,
      int inputs,
      int[] units,
      String hidden,
      long seed,
      List<String> labels,
      Map<String, float[]> standardization) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> layerDefinitions = new ArrayList<>();
    List<Map<String, Object>> layers = new ArrayList<>();
    int fanIn = inputs;
    for (int l = 0; l < units.length; l++) {
      boolean last = l == units.length - 1;
      layerDefinitions.add(Map.of("units", units[l], "activation", last ? "softmax" : hidden));
      double scale = Math.sqrt(2.0 / (fanIn + units[l]));
      float[][] weights = new float[units[l]][fanIn];
      float[] biases = new float[units[l]];
      for (int j = 0; j < units[l]; j++) {
        for (int k = 0; k < fanIn; k++) {
          weights[j][k] = (float) (random.nextGaussian() * scale);
        }
        biases[j] = (float) (random.nextDouble() * 0.2 - 0.1);
      }
      layers.add(Map.of("weights", weights, "biases", biases));
      fanIn = units[l];
    }
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("name", name);
    network.put("inputs", inputs);
    network.put("layers", layerDefinitions);
    network.put("loss", "cross_entropy");
    network.put("seed", seed);
    if (labels != null) {
      network.put("labels", labels);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("format", "backprop-model");
    document.put("formatVersion", 1);
    document.put("network", network);
    document.put("version", 1);
    document.put("standardization", standardization);
    document.put("layers", layers);
    return JSON.writeValueAsString(document);
  }
}
