package dev.backprop.dashboard;

import static dev.backprop.dashboard.DashboardIntegrationTest.ADMIN_KEY;
import static dev.backprop.dashboard.DashboardSteps.epochsDrawn;
import static dev.backprop.dashboard.DashboardSteps.networkLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser (headless Chromium), on the whole service with API keys: the page
 * asks for a key, shows the networks once given one, draws a running job's curve as it grows, and
 * predicts from its form, draws wide networks, fits a phone. Skipped, saying why, where Chromium or
 * chromedriver is missing. Screenshots of failures: {@code target/browser-screenshots/}.
 */
@ExtendWith(RequiresBrowser.class)
@DashboardIntegrationTest
class DashboardBrowserTest {

  static final String NETWORK = "dash-iris";

  static ChromeDriver driver;
  static Path profile;
  static boolean trained;

  @RegisterExtension final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> driver);

  @LocalServerPort int port;
  DashboardSteps steps;

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
  void trainOnce() {
    steps = new DashboardSteps(driver, port);
    driver.manage().window().setSize(new Dimension(1280, 800));
    if (!trained) {
      steps.trainIris(NETWORK);
      trained = true;
    }
  }

  @Test
  void withoutAKeyThePageAsksForOneAndTheKeyShowsTheNetworks() {
    steps.openWithoutKey();
    assertThat(driver.getTitle()).isEqualTo("Backprop dashboard");
    WebElement notice =
        steps.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
    assertThat(notice.getText()).contains("needs an API key");
    assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("api-key");

    steps.enterKey("not-a-key");
    steps
        .waitFor()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "did not accept"));

    steps.enterKey(ADMIN_KEY);
    steps.waitFor().until(ExpectedConditions.presenceOfElementLocated(networkLink(NETWORK)));
    assertThat(driver.findElement(By.id("notice")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("key-status")).getText())
        .isEqualTo("A key is set for this tab.");
    assertThat(steps.script("return sessionStorage.getItem('backprop.apiKey')"))
        .isEqualTo(ADMIN_KEY);
    assertThat(steps.script("return localStorage.length")).isEqualTo(0L);
    assertThat(driver.findElement(networkLink(NETWORK)).getText()).contains(NETWORK, "v1");
  }

  @Test
  void aRunningJobsCurveGrowsAsItsEpochsEnd() {
    steps.openNetwork(NETWORK);
    // Folded once the network has a version.
    steps
        .waitFor()
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#train summary")))
        .click();
    WebElement form =
        steps.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
    new Select(form.findElement(By.id("train-dataset"))).selectByValue(NETWORK);
    WebElement epochs = form.findElement(By.id("train-epochs"));
    assertThat(epochs.getDomProperty("value")).as("the API's default").isEqualTo("100");
    epochs.clear();
    epochs.sendKeys("100000");
    form.findElement(By.id("train-threads")).sendKeys("1");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement chart =
        steps.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("job-chart")));
    int first = steps.waitFor().until(d -> epochsDrawn(chart) > 0 ? epochsDrawn(chart) : null);
    int later =
        steps.waitFor().until(d -> epochsDrawn(chart) > first + 5 ? epochsDrawn(chart) : null);
    assertThat(later).isGreaterThan(first);
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(driver.findElement(By.id("job-status")).getText()).contains("RUNNING", "of 100000");
    assertThat(driver.findElement(By.id("jobs-table")).getText()).contains("RUNNING");

    driver.findElement(By.cssSelector("#job button.danger")).click();
    steps
        .waitFor()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "CANCELLED"));
    var newest =
        DashboardSteps.JSON.readTree(
            steps.admin("GET", "/api/v1/training-jobs?network=" + NETWORK, null, 200));
    assertThat(newest.path("items").get(0).path("settings").path("threads").asInt())
        .as("the form's threads, sent")
        .isEqualTo(1);
  }

  @Test
  void predictsFromTheFormAndShowsEachLabelsProbability() {
    steps.openNetwork(NETWORK);
    WebElement form =
        steps.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("predict-form")));
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
        steps
            .waitFor()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("prediction-label")));
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
    assertEveryNeuronIsShadedByItsActivation(bars.get(0).getText());
    DocsPicture.takeIfAsked(driver);
  }

  /**
   * The activations answer shades every neuron: none keeps the blank fill, each title carries its
   * activation, and the setosa output's activation is the probability its bar shows.
   */
  private void assertEveryNeuronIsShadedByItsActivation(String setosaBar) {
    steps
        .waitFor()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("prediction"), "activation for this input"));
    List<WebElement> neurons =
        driver.findElements(By.cssSelector("svg.network-drawing circle.neuron"));
    assertThat(neurons).allSatisfy(n -> assertThat(n.getAttribute("fill")).isNotEqualTo("#ffffff"));
    List<String> titles =
        driver.findElements(By.cssSelector("svg.network-drawing circle.neuron title")).stream()
            .map(t -> t.getAttribute("textContent"))
            .toList();
    assertThat(titles).hasSize(15).allSatisfy(t -> assertThat(t).contains("a = "));
    assertThat(titles.subList(4, 12)).allSatisfy(t -> assertThat(t).contains(", s = "));
    String setosa = titles.get(12);
    double activation =
        Double.parseDouble(setosa.substring(setosa.indexOf("a = ") + 4).split(",")[0]);
    double percent = Double.parseDouble(setosaBar.replaceAll("[^0-9.]+", " ").trim().split(" ")[0]);
    assertThat(activation * 100).isCloseTo(percent, offset(0.6));
  }

  /** A finished search's leaderboard: best first, as the API ranks it, naming its version. */
  @Test
  void showsASearchsLeaderboardBestFirst() {
    steps.admin(
        "POST",
        "/api/v1/networks",
        """
        { "name": "dash-search", "inputs": 4,
          "layers": [ { "units": 4, "activation": "relu" }, { "units": 3, "activation": "softmax" } ],
          "loss": "cross_entropy", "seed": 3 }
        """,
        201);
    String started =
        steps.admin(
            "POST",
            "/api/v1/networks/dash-search/searches",
            """
            { "dataset": "%s", "base": { "epochs": 20, "validationSplit": 0.2, "seed": 7 },
              "space": { "learningRate": [0.003, 0.1] } }
            """
                .formatted(NETWORK),
            202);
    String id = DashboardSteps.JSON.readTree(started).path("id").asString();
    steps.openNetwork("dash-search");
    steps
        .waitFor()
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("searches"), "SUCCEEDED"));
    var search =
        DashboardSteps.JSON.readTree(steps.admin("GET", "/api/v1/searches/" + id, null, 200));
    List<WebElement> rows =
        driver.findElements(By.cssSelector("#searches table.leaderboard tbody tr"));
    assertThat(rows).hasSize(2);
    for (int i = 0; i < 2; i++) {
      double rate =
          search.path("leaderboard").get(i).path("hyperparameters").path("learningRate").asDouble();
      assertThat(rows.get(i).getText()).contains("learningRate " + (rate == 0.1 ? "0.1" : "0.003"));
    }
    assertThat(driver.findElement(By.id("searches")).getText())
        .contains("2/2 candidates done", "made version 1");
  }

  /**
   * A 20-40-3 network: each wide layer shows 11 units and an ellipsis; the ellipsis's connections
   * are dashed and carry the mean of the weights they stand for.
   */
  @Test
  void drawsAWideNetworkWithEllipsesAndMeanConnections() {
    steps.importWide("dash-wide");
    steps.openNetwork("dash-wide");
    WebElement drawing =
        steps
            .waitFor()
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
      steps.openNetwork(NETWORK);
      steps.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("predict-form")));
      assertThat(steps.script("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling at %s", size)
          .isEqualTo(true);
      assertThat(
              steps.script(
                  "return [...document.querySelectorAll('input, select, textarea')]"
                      + ".filter(e => e.type !== 'hidden' && !e.labels.length"
                      + " && !e.getAttribute('aria-label')).map(e => e.id || e.name)"))
          .as("controls without a label")
          .isEqualTo(List.of());
    }
  }
}
