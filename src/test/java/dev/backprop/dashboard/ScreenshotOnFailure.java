package dev.backprop.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * When a browser test fails, keeps what the browser showed: a screenshot and the page's DOM under
 * {@code target/browser-screenshots/}, named after the test. Runs before any {@code @AfterEach}, so
 * the page is still the one that failed.
 */
final class ScreenshotOnFailure implements AfterTestExecutionCallback {

  static final Path DIRECTORY = Path.of("target", "browser-screenshots");

  private final Supplier<WebDriver> driver;

  ScreenshotOnFailure(Supplier<WebDriver> driver) {
    this.driver = driver;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    WebDriver browser = driver.get();
    if (context.getExecutionException().isEmpty() || browser == null) {
      return;
    }
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName();
    try {
      Files.createDirectories(DIRECTORY);
      if (browser instanceof TakesScreenshot camera) {
        Files.write(DIRECTORY.resolve(name + ".png"), camera.getScreenshotAs(OutputType.BYTES));
      }
      Files.writeString(DIRECTORY.resolve(name + ".html"), browser.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A browser that died cannot be photographed; the test's own failure says enough.
      context.publishReportEntry("screenshot", "not taken: " + e);
    }
  }
}
