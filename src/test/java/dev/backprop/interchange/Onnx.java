package dev.backprop.interchange;

import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** ONNX over HTTP for the interchange tests: bytes in and out, and models as JSON documents. */
final class Onnx {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  Onnx(int port) {
    this.base = "http://localhost:" + port;
  }

  /** GET, the answer as bytes. */
  HttpResponse<byte[]> get(String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** POSTs ONNX bytes to the import, the answer as text. */
  HttpResponse<String> importModel(String query, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/networks/import" + query))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(30)).build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A model as the JSON model document that {@code POST /api/v1/networks/import} takes. */
  static String document(String name, Model model, List<String> labels, List<String> features) {
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("name", name);
    network.put("inputs", model.spec().inputs());
    if (features != null) {
      network.put("features", features);
    }
    List<Map<String, Object>> definitions = new ArrayList<>();
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int l = 0; l < model.spec().layers().size(); l++) {
      LayerSpec layer = model.spec().layers().get(l);
      definitions.add(Map.of("units", layer.units(), "activation", layer.activation().apiName()));
      layers.add(
          Map.of(
              "weights", model.parameters().weightsMatrix(l),
              "biases", model.parameters().biases(l)));
    }
    network.put("layers", definitions);
    network.put("loss", model.spec().loss().apiName());
    network.put("seed", model.spec().seed());
    if (labels != null) {
      network.put("labels", labels);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("format", "backprop-model");
    document.put("formatVersion", 1);
    document.put("network", network);
    document.put(
        "standardization",
        model.standardization() == null
            ? null
            : Map.of("mean", model.standardization().mean(), "std", model.standardization().std()));
    document.put("layers", layers);
    return JSON.writeValueAsString(document);
  }

  /** {@code {"inputs": rows}}. */
  static String inputs(float[][] rows) {
    return JSON.writeValueAsString(Map.of("inputs", rows));
  }
}
