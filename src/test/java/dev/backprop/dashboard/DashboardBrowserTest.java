package dev.backprop.dashboard;

import static dev.backprop.dashboard.DashboardIntegrationTest.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser (headless Chromium), on the whole service with API keys: the page
 * asks for a key, shows the networks once given one, draws a running job's curve as it grows, and
 * predicts from its form. Skipped, saying why, where Chromium or chromedriver is missing.
 */
@ExtendWith(RequiresBrowser.class)
@DashboardIntegrationTest
class DashboardBrowserTest {

  static final String NETWORK = "dash-iris";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final JsonMapper JSON = JsonMapper.builder().build();

  static ChromeDriver driver;
  static Path profile;
  static boolean trained;

  @RegisterExtension final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> driver);

  @LocalServerPort int port;

  @BeforeAll
  static void startBrowser() throws IOException {
    profile = Files.createTempDirectory("backprop-chromium-");
    driver = Browser.start(profile, 1280, 800);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A data set and a network with one trained version, made once through the API. */
  @BeforeEach
  void trainOnce() throws IOException {
    driver.manage().window().setSize(new Dimension(1280, 800));
    if (trained) {
      return;
    }
    String csv = Files.readString(Path.of("examples", "iris.csv"));
    admin("POST", "/api/v1/datasets?name=" + NETWORK + "&target=species", "text/csv", csv, 201);
    admin(
        "POST",
        "/api/v1/networks",
        "application/json",
        """
        { "name": "%s",
          "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
          "layers": [ { "units": 8, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
          "loss": "cross_entropy", "seed": 42, "labels": ["setosa", "versicolor", "virginica"] }
        """
            .formatted(NETWORK),
        201);
    String job =
        admin(
            "POST",
            "/api/v1/networks/" + NETWORK + "/training-jobs",
            "application/json",
            """
            { "dataset": "%s", "epochs": 60, "batchSize": 16, "learningRate": 0.05, "seed": 7 }
            """
                .formatted(NETWORK),
            202);
    String id = JSON.readTree(job).path("id").asString();
    new WebDriverWait(driver, PATIENCE)
        .pollingEvery(Duration.ofMillis(200))
        .until(
            d ->
                JSON.readTree(admin("GET", "/api/v1/training-jobs/" + id, null, "", 200))
                    .path("status")
                    .asString()
                    .equals("SUCCEEDED"));
    trained = true;
  }

  @Test
  void withoutAKeyThePageAsksForOneAndTheKeyShowsTheNetworks() {
    openWithoutKey("");
    assertThat(driver.getTitle()).isEqualTo("Backprop dashboard");
    WebElement notice =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
    assertThat(notice.getText()).contains("needs an API key");
    assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("api-key");

    enterKey("not-a-key");
    waitFor()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "did not accept"));

    enterKey(ADMIN_KEY);
    waitFor().until(ExpectedConditions.presenceOfElementLocated(networkLink()));
    assertThat(driver.findElement(By.id("notice")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("key-status")).getText())
        .isEqualTo("A key is set for this tab.");
    assertThat(script("return sessionStorage.getItem('backprop.apiKey')")).isEqualTo(ADMIN_KEY);
    assertThat(script("return localStorage.length")).isEqualTo(0L);
    assertThat(driver.findElement(networkLink()).getText()).contains(NETWORK, "v1");
  }

  @Test
  void aRunningJobsCurveGrowsAsItsEpochsEnd() {
    openNetwork();
    // Folded once the network has a version.
    waitFor()
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#train summary")))
        .click();
    WebElement form =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
    new Select(form.findElement(By.id("train-dataset"))).selectByValue(NETWORK);
    WebElement epochs = form.findElement(By.id("train-epochs"));
    assertThat(epochs.getDomProperty("value")).as("the API's default").isEqualTo("100");
    epochs.clear();
    epochs.sendKeys("100000");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement chart =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("job-chart")));
    int first = waitFor().until(d -> epochsDrawn(chart) > 0 ? epochsDrawn(chart) : null);
    int later = waitFor().until(d -> epochsDrawn(chart) > first + 5 ? epochsDrawn(chart) : null);
    assertThat(later).isGreaterThan(first);
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(driver.findElement(By.id("job-status")).getText()).contains("RUNNING", "of 100000");
    assertThat(driver.findElement(By.id("jobs-table")).getText()).contains("RUNNING");

    driver.findElement(By.cssSelector("#job button.danger")).click();
    waitFor()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "CANCELLED"));
  }

  @Test
  void predictsFromTheFormAndShowsEachLabelsProbability() {
    openNetwork();
    WebElement form =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("predict-form")));
    List<String> setosa = List.of("5.1", "3.5", "1.4", "0.2");
    for (int i = 0; i < setosa.size(); i++) {
      WebElement input = form.findElement(By.id("predict-input-" + i));
      input.clear();
      input.sendKeys(setosa.get(i));
    }
    assertThat(driver.findElement(By.cssSelector("label[for=predict-input-2]")).getText())
        .isEqualTo("petal_length");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement label =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("prediction-label")));
    assertThat(label.getText()).isEqualTo("setosa");
    List<WebElement> bars = driver.findElements(By.cssSelector("#prediction .bars li"));
    assertThat(bars).hasSize(3);
    assertThat(bars.get(0).getText()).startsWith("setosa").endsWith("%");
    // The drawing: 4 inputs, 8 hidden and 3 output neurons, each input and label named.
    assertThat(driver.findElements(By.cssSelector("svg.network-drawing circle.neuron")))
        .hasSize(15);
    assertThat(driver.findElement(By.cssSelector("svg.network-drawing")).getText())
        .contains("sepal_length", "virginica");
    assertThat(driver.findElements(By.cssSelector("svg.network-drawing line")))
        .hasSize(4 * 8 + 8 * 3);
  }

  /**
   * A 20-40-3 network: each wide layer shows 11 units and an ellipsis; the ellipsis's connections
   * are dashed and carry the mean of the weights they stand for.
   */
  @Test
  void drawsAWideNetworkWithEllipsesAndMeanConnections() {
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
        "application/json",
        """
        { "format": "backprop-model", "formatVersion": 1, "name": "dash-wide",
          "network": { "name": "dash-wide", "inputs": 20,
            "layers": [ { "units": 40, "activation": "tanh" }, { "units": 3, "activation": "softmax" } ],
            "loss": "cross_entropy" },
          "standardization": null,
          "layers": [ { "weights": [%s], "biases": [%s] },
                      { "weights": [%s, %s, %s], "biases": [0, 0, 0] } ] }
        """
            .formatted(
                hidden, String.join(",", Collections.nCopies(40, "0")), output, output, output),
        201);
    openNetwork("dash-wide");
    WebElement drawing =
        waitFor()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("svg.network-drawing")));
    assertThat(drawing.findElements(By.cssSelector("circle.neuron"))).hasSize(11 + 11 + 3);
    assertThat(drawing.findElements(By.cssSelector("text.ellipsis"))).hasSize(2);
    assertThat(drawing.findElements(By.cssSelector("line"))).hasSize(12 * 12 + 12 * 3);
    List<WebElement> dashed = drawing.findElements(By.cssSelector("line[stroke-dasharray]"));
    assertThat(dashed).hasSize(12 * 12 - 11 * 11 + 3);
    List<String> titles =
        dashed.stream()
            .map(line -> line.findElement(By.tagName("title")).getDomProperty("textContent"))
            .toList();
    // Inputs 7 to 15 (weights 0.07 to 0.15) hidden behind the ellipsis, into one drawn unit.
    assertThat(titles).contains("mean of 9 weights = 0.11 (from 0.07 to 0.15)");
    // The 29 hidden units behind the ellipsis, into one output.
    assertThat(titles).contains("mean of 29 weights = 0.5 (from 0.5 to 0.5)");
  }

  @Test
  void fitsAPhoneAndALaptopAndLabelsEveryField() {
    for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1280, 800))) {
      driver.manage().window().setSize(size);
      openNetwork();
      waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("predict-form")));
      assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling at %s", size)
          .isEqualTo(true);
      assertThat(
              script(
                  "return [...document.querySelectorAll('input, select, textarea')]"
                      + ".filter(e => e.type !== 'hidden' && !e.labels.length"
                      + " && !e.getAttribute('aria-label')).map(e => e.id || e.name)"))
          .as("controls without a label")
          .isEqualTo(List.of());
    }
  }

  // --- steps ------------------------------------------------------------------------------------

  String base() {
    return "http://localhost:" + port + "/";
  }

  /** Opens the page in a tab that holds no key. */
  void openWithoutKey(String hash) {
    driver.get(base());
    script("sessionStorage.clear()");
    driver.get(base() + hash);
    driver.navigate().refresh();
  }

  void openNetwork() {
    openNetwork(NETWORK);
  }

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

  static By networkLink() {
    return By.cssSelector("#network-list a[data-network='" + NETWORK + "']");
  }

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

  String admin(String method, String path, String contentType, String body, int expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-API-Key", ADMIN_KEY)
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response = new HttpTestClient(port).send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return response.body();
  }
}
