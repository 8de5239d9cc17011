package dev.backprop.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver (both from apt: {@code chromium}, {@code
 * chromium-driver}). Both paths are given to Selenium, so it never looks for or downloads a browser
 * of its own. Override them with {@code -Dbackprop.test.chromium=} and {@code
 * -Dbackprop.test.chromedriver=}.
 */
final class Browser {

  static final Path CHROMIUM =
      Path.of(System.getProperty("backprop.test.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("backprop.test.chromedriver", "/usr/bin/chromedriver"));

  private Browser() {}

  /** Why no browser can be started here, or null when one can. */
  static String unavailable() {
    if (!Files.isExecutable(CHROMIUM)) {
      return "no Chromium at "
          + CHROMIUM
          + " (apt-get install chromium chromium-driver, or -Dbackprop.test.chromium=)";
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      return "no chromedriver at "
          + CHROMEDRIVER
          + " (apt-get install chromium-driver, or -Dbackprop.test.chromedriver=)";
    }
    return null;
  }

  /** A fresh headless browser with its own profile directory and no network of its own. */
  static ChromeDriver start(Path profile, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }
}
