package dev.backprop.openinference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.HttpTestClient;
import dev.backprop.IntegrationTest;
import dev.backprop.prediction.TestModels;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The infer endpoints mapped ahead of the generic lookup ({@code dev.backprop.web.DirectMappings}):
 * the same handler, path variables and metrics {@code uri} as the request mapping gives; requests
 * it does not match in full left to that mapping; the marked methods called by {@code
 * dev.backprop.web.DirectHandlerAdapter}; and no request-handled event after a request.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectInferMappingTest {

  static final String MODEL = "direct-iris";
  static final String BODY =
      """
      {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                   "data": [5.1, 3.5, 1.4, 0.2]}]}
      """;

  @LocalServerPort int port;
  @Autowired List<HandlerMapping> mappings;
  @Autowired List<HandlerAdapter> adapters;
  @Autowired MeterRegistry meters;
  @Autowired ConfigurableApplicationContext context;
  HttpTestClient http;

  @BeforeAll
  void importModel() {
    http = new HttpTestClient(port);
    TestModels.importIris(http, MODEL);
  }

  private HandlerMapping direct() {
    return mappings.stream()
        .filter(m -> m.getClass().getSimpleName().equals("DirectMappings"))
        .findFirst()
        .orElseThrow();
  }

  private static MockHttpServletRequest request(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    ServletRequestPathUtils.parseAndCache(request);
    return request;
  }

  @Test
  void inferIsMappedDirectlyWithItsPathVariablesAndPattern() throws Exception {
    MockHttpServletRequest request = request("POST", "/v2/models/m%20x/versions/3/infer");
    HandlerExecutionChain chain = direct().getHandler(request);
    assertThat(chain).isNotNull();
    assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName())
        .isEqualTo("inferVersion");
    assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
        .isEqualTo(Map.of("name", "m x", "version", "3"));
    assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
        .isEqualTo("/v2/models/{name}/versions/{version}/infer");
    assertThat(direct().getHandler(request("POST", "/v2/models/m/infer"))).isNotNull();
  }

  @Test
  void theMarkedMethodsAloneAreCalledByTheDirectAdapter() throws Exception {
    HandlerAdapter direct =
        adapters.stream()
            .filter(a -> a.getClass().getSimpleName().equals("DirectHandlerAdapter"))
            .findFirst()
            .orElseThrow();
    for (String path : List.of("/v2/models/m/infer", "/v2/models/m/versions/1/infer")) {
      assertThat(direct.supports(direct().getHandler(request("POST", path)).getHandler()))
          .as(path)
          .isTrue();
    }
    HandlerMapping main =
        mappings.stream()
            .filter(m -> m.getClass() == RequestMappingHandlerMapping.class)
            .findFirst()
            .orElseThrow();
    assertThat(direct.supports(main.getHandler(request("GET", "/v2/models/m")).getHandler()))
        .isFalse();
    assertThat(direct.supports(new Object())).isFalse();
  }

  @Test
  void whatItDoesNotMatchInFullIsLeftToTheRequestMapping() throws Exception {
    assertThat(direct().getHandler(request("GET", "/v2/models/m/infer"))).isNull();
    assertThat(direct().getHandler(request("POST", "/v2/models/m/ready"))).isNull();
    assertThat(direct().getHandler(request("POST", "/api/v1/networks"))).isNull();
    MockHttpServletRequest html = request("POST", "/v2/models/m/infer");
    html.addHeader("Accept", "text/html");
    assertThat(direct().getHandler(html)).isNull();
    // and so the answers stay what they were: the protocol's 404 for an unknown endpoint
    assertThat(http.send("GET", "/v2/models/" + MODEL + "/infer", null, "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theMetricsNameThePathPatternAndNoRequestHandledEventIsPublished()
      throws InterruptedException {
    List<ApplicationEvent> events = new ArrayList<>();
    ApplicationListener<ApplicationEvent> listener =
        event -> {
          if (event instanceof ServletRequestHandledEvent) {
            events.add(event);
          }
        };
    context.addApplicationListener(listener);
    try {
      var latest = http.send("POST", "/v2/models/" + MODEL + "/infer", "application/json", BODY);
      assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
      var version =
          http.send("POST", "/v2/models/" + MODEL + "/versions/1/infer", "application/json", BODY);
      assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
    } finally {
      context.removeApplicationListener(listener);
    }
    assertThat(events).isEmpty();
    for (String uri :
        List.of("/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer")) {
      // The observation ends once the answer is sent: it may be recorded just after.
      for (int i = 0; i < 50 && timer(uri) == null; i++) {
        Thread.sleep(20);
      }
      assertThat(timer(uri)).as(uri).isNotNull();
    }
  }

  private Object timer(String uri) {
    return meters.find("http.server.requests").tag("uri", uri).tag("status", "200").timer();
  }
}
