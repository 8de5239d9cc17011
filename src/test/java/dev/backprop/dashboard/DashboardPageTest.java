package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard's page and files over HTTP, with keys configured: served, locked down, inert. */
@DashboardIntegrationTest
class DashboardPageTest {

  static final Path STATIC = Path.of("src", "main", "resources", "static");

  @LocalServerPort int port;
  HttpTestClient http;

  @BeforeEach
  void setUp() {
    http = new HttpTestClient(port);
  }

  @Test
  void thePageAndItsFilesLoadWithoutAKeyUnderAStrictPolicy() {
    for (String path :
        List.of(
            "/",
            "/index.html",
            "/dashboard/app.js",
            "/dashboard/dashboard.css",
            "/dashboard/icon.svg",
            "/webjars/uplot/dist/uPlot.iife.min.js",
            "/webjars/uplot/dist/uPlot.min.css")) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy)
          .as(path)
          .contains("script-src 'self';", "default-src 'none'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
    }
    HttpResponse<String> page = http.get("/");
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Backprop dashboard</title>", "dashboard/app.js");
  }

  @Test
  void theApiStillNeedsAKeyAndThePolicyStaysOffIt() {
    HttpResponse<String> response = http.get("/api/v1/networks");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
    HttpRequest.Builder withKey =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/networks"))
            .header("X-API-Key", DashboardIntegrationTest.PREDICT_KEY);
    assertThat(http.send(withKey).statusCode()).isEqualTo(200);
  }

  @Test
  void thePageHasNoInlineScriptNorHandlers() throws IOException {
    String html = Files.readString(STATIC.resolve("index.html"));
    var scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
    int count = 0;
    while (scripts.find()) {
      assertThat(scripts.group(1)).as("every script is a file").contains("src=");
      count++;
    }
    assertThat(count).isEqualTo(2);
    assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("style=");
  }

  /** Data from the API is inserted as text: nothing in the scripts parses strings as HTML. */
  @Test
  void theScriptsNeverParseDataAsHtml() throws IOException {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(STATIC.resolve("dashboard"))) {
      scripts = files.filter(f -> f.toString().endsWith(".js")).toList();
    }
    assertThat(scripts).hasSizeGreaterThanOrEqualTo(5);
    for (Path script : scripts) {
      assertThat(Files.readString(script))
          .as(script.toString())
          .doesNotContain(
              "innerHTML",
              "outerHTML",
              "insertAdjacentHTML",
              "document.write",
              "eval(",
              "new Function",
              "setAttribute('style'",
              "DOMParser");
    }
  }
}
