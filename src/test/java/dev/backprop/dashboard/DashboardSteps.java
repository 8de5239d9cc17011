package dev.backprop.dashboard;

import static dev.backprop.dashboard.DashboardIntegrationTest.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/** What the browser tests do: set up through the API with the admin key, then drive the page. */
final class DashboardSteps {

  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebDriver driver;
  private final int port;

  DashboardSteps(WebDriver driver, int port) {
    this.driver = driver;
    this.port = port;
  }

  // --- through the API --------------------------------------------------------------------------

  /** The iris data set and a 4-8-3 network of that name with one version trained on it. */
  void trainIris(String name) {
    String csv;
    try {
      csv = Files.readString(Path.of("examples", "iris.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin("POST", "/api/v1/datasets?name=" + name + "&target=species", "text/csv", csv, 201);
    admin(
        "POST",
        "/api/v1/networks",
        """
        { "name": "%s",
          "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
          "layers": [ { "units": 8, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
          "loss": "cross_entropy", "seed": 42, "labels": ["setosa", "versicolor", "virginica"] }
        """
            .formatted(name),
        201);
    String job =
        admin(
            "POST",
            "/api/v1/networks/" + name + "/training-jobs",
            """
            { "dataset": "%s", "epochs": 60, "batchSize": 16, "learningRate": 0.05, "seed": 7 }
            """
                .formatted(name),
            202);
    String id = JSON.readTree(job).path("id").asString();
    new WebDriverWait(driver, PATIENCE)
        .pollingEvery(Duration.ofMillis(200))
        .until(
            d ->
                JSON.readTree(admin("GET", "/api/v1/training-jobs/" + id, null, 200))
                    .path("status")
                    .asString()
                    .equals("SUCCEEDED"));
  }

  /**
   * Imports a 20-40-3 network whose hidden weights are 0.01 × (input number), 0.01 to 0.2, and
   * whose output weights are all 0.5.
   */
  void importWide(String name) {
    StringBuilder hidden = new StringBuilder();
    for (int j = 0; j < 40; j++) {
      hidden.append(j == 0 ? "" : ",").append('[');
      for (int k = 0; k < 20; k++) {
        hidden.append(k == 0 ? "" : ",").append(0.01 * (k + 1));
      }
      hidden.append(']');
    }
    String output = "[" + String.join(",", Collections.nCopies(40, "0.5")) + "]";
    admin(
        "POST",
        "/api/v1/networks/import",
        """
        { "format": "backprop-model", "formatVersion": 1, "name": "%s",
          "network": { "name": "%s", "inputs": 20,
            "layers": [ { "units": 40, "activation": "tanh" }, { "units": 3, "activation": "softmax" } ],
            "loss": "cross_entropy" },
          "standardization": null,
          "layers": [ { "weights": [%s], "biases": [%s] },
                      { "weights": [%s, %s, %s], "biases": [0, 0, 0] } ] }
        """
            .formatted(
                name,
                name,
                hidden,
                String.join(",", Collections.nCopies(40, "0")),
                output,
                output,
                output),
        201);
  }

  String admin(String method, String path, String body, int expected) {
    return admin(method, path, body == null ? null : "application/json", body, expected);
  }

  String admin(String method, String path, String contentType, String body, int expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path.substring(1)))
            .header("X-API-Key", ADMIN_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response = new HttpTestClient(port).send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return response.body();
  }

  // --- in the browser ---------------------------------------------------------------------------

  String base() {
    return "http://localhost:" + port + "/";
  }

  /** Opens the page in a tab that holds no key. */
  void openWithoutKey() {
    driver.get(base());
    script("sessionStorage.clear()");
    driver.navigate().refresh();
  }

  /** Opens a network's view with the admin key already entered. */
  void openNetwork(String name) {
    driver.get(base());
    script("sessionStorage.setItem('backprop.apiKey', arguments[0])", ADMIN_KEY);
    driver.get(base() + "#network=" + name);
    driver.navigate().refresh();
    waitFor().until(ExpectedConditions.textToBe(By.id("network-title"), name));
  }

  void enterKey(String key) {
    WebElement input = driver.findElement(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
  }

  static By networkLink(String name) {
    return By.cssSelector("#network-list a[data-network='" + name + "']");
  }

  /** How many epochs the live chart has received. */
  static int epochsDrawn(WebElement chart) {
    String epochs = chart.getDomAttribute("data-epochs");
    return epochs == null ? 0 : Integer.parseInt(epochs);
  }

  WebDriverWait waitFor() {
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
    wait.pollingEvery(Duration.ofMillis(100));
    return wait;
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }
}
