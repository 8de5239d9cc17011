package dev.backprop.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests anyone may make when keys are configured: the health probes ({@code
 * /actuator/health/**}, {@code GET /v2}, {@code GET /v2/health/**}), Swagger UI and the OpenAPI
 * document, static files at the usual places, the dashboard ({@code /} and its files), and {@code
 * /actuator/prometheus} and {@code /actuator/info} only when {@code
 * backprop.security.open-actuator} is true.
 *
 * <p>The same matcher grants access and tells {@link ApiKeyAuthenticationFilter} to leave the
 * request's key alone: a probe or a browser that sends a stale or wrong key still gets its answer,
 * rather than a 401 from an endpoint that needs no key at all.
 */
final class OpenEndpoints implements RequestMatcher {

  private final RequestMatcher matcher;

  OpenEndpoints(boolean openActuator) {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    List<RequestMatcher> open = new ArrayList<>();
    open.add(EndpointRequest.to("health"));
    open.add(paths.matcher(HttpMethod.GET, "/v2"));
    open.add(paths.matcher(HttpMethod.GET, "/v2/"));
    open.add(paths.matcher(HttpMethod.GET, "/v2/health/**"));
    for (String docs : List.of("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**")) {
      open.add(paths.matcher(docs));
    }
    open.add(PathRequest.toStaticResources().atCommonLocations());
    // The dashboard's page and files hold no data; every call the page makes needs a key.
    for (String page : List.of("/", "/index.html", "/dashboard/**", "/webjars/**")) {
      open.add(paths.matcher(HttpMethod.GET, page));
    }
    if (openActuator) {
      open.add(EndpointRequest.to("prometheus", "info"));
    }
    this.matcher = new OrRequestMatcher(open);
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    return matcher.matches(request);
  }
}
