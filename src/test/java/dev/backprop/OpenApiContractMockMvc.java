package dev.backprop;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every MockMvc test (slice or full context) checks each answer against the published document:
 * registered for {@code @AutoConfigureMockMvc} and {@code @WebMvcTest} in {@code
 * META-INF/spring/...AutoConfigureMockMvc.imports}, so no test has to ask for it.
 */
@AutoConfiguration
public class OpenApiContractMockMvc {

  @Bean
  MockMvcBuilderCustomizer openApiContract() {
    return builder -> builder.alwaysDo(OpenApiContractMockMvc::check);
  }

  static void check(MvcResult result) {
    MockHttpServletRequest request = result.getRequest();
    MockHttpServletResponse response = result.getResponse();
    if (request.isAsyncStarted()) {
      return; // its answer is checked when the test dispatches the async result
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    OpenApiContract.check(
        request.getMethod(),
        path,
        response.getStatus(),
        headers(response),
        OpenApiContract.text(response.getContentAsByteArray(), response.getContentType()));
  }

  private static Map<String, List<String>> headers(HttpServletResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .getHeaderNames()
        .forEach(name -> headers.put(name, List.copyOf(response.getHeaders(name))));
    return headers;
  }
}
