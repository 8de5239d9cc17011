package dev.backprop.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The README's picture of the dashboard is taken by the browser test itself, at the moment it has
 * predicted and shaded the network, so the picture shows what the test asserts. Only when asked:
 * {@code -Dbackprop.docs.dashboard-picture=docs/dashboard.png}.
 */
final class DocsPicture {

  static final String PROPERTY = "backprop.docs.dashboard-picture";

  private DocsPicture() {}

  static void takeIfAsked(WebDriver browser) {
    String target = System.getProperty(PROPERTY);
    if (target == null || target.isBlank() || !(browser instanceof TakesScreenshot camera)) {
      return;
    }
    try {
      Path path = Path.of(target);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      // Tall enough for the job's curves, the prediction and the shaded drawing at once.
      browser.manage().window().setSize(new Dimension(1280, 1000));
      ((JavascriptExecutor) browser)
          .executeScript(
              "document.getElementById('prediction').scrollIntoView({block: 'end'});"
                  + "window.scrollBy(0, 60);");
      Files.write(path, camera.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
