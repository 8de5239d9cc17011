package dev.backprop.security;

import dev.backprop.web.SecurityErrorHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.ObjectMapper;

/**
 * API keys with two roles, stateless: no sessions, no cookies, hence no CSRF tokens, no login form
 * and no basic authentication.
 *
 * <ul>
 *   <li>Open to all ({@link OpenEndpoints}, where a key is ignored, even a wrong one): the health
 *       probes ({@code /actuator/health/**}, {@code GET /v2}, {@code GET /v2/health/**}), Swagger
 *       UI and {@code /v3/api-docs}, the dashboard's page and static files (they hold no data;
 *       every call the page makes needs a key); {@code /actuator/prometheus} and {@code
 *       /actuator/info} too when {@code backprop.security.open-actuator} is true.
 *   <li>Predict or admin key: every {@code GET} under {@code /api/v1} and {@code /v2}, {@code POST
 *       /api/v1/networks/{name}/predictions} and {@code .../versions/{v}/activations}, {@code POST
 *       /v2/models/{name}[/versions/{v}]/infer}.
 *   <li>Admin key: everything else under {@code /api/v1} and {@code /v2}, and {@code
 *       /actuator/prometheus} and {@code /actuator/info} unless open-actuator (they name models,
 *       paths, the commit and the JVM).
 * </ul>
 *
 * With no key configured at all, everything is open and a warning says so at startup.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  static final String ADMIN = ApiKeys.Role.ADMIN.name();
  static final String PREDICT = ApiKeys.Role.PREDICT.name();

  @Bean
  ApiKeys apiKeys(ApiSecurityProperties properties) {
    return new ApiKeys(properties.adminKeys(), properties.predictKeys());
  }

  /** Also keeps Spring Boot from creating a user with a generated password. */
  @Bean
  ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys keys) {
    return new ApiKeyAuthenticationProvider(keys);
  }

  @Bean
  SecurityErrorHandler securityErrorHandler(ObjectMapper json) {
    return new SecurityErrorHandler(json);
  }

  /**
   * No observations of the security filter chain, the authentication or the authorisation. They
   * were already off as metrics ({@code management.observations.enable.spring.security: false}),
   * but Spring Security still wrapped every filter of the chain, the authentication manager and the
   * authorisation manager in observing decorators that made a context and a no-op observation per
   * filter per request; without them the chain runs its filters directly.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** Requests the firewall refuses (e.g. an encoded {@code ..}) get a 400 problem detail. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(SecurityErrorHandler errors) {
    return errors::rejected;
  }

  /**
   * Spring Security's default firewall, whose header and parameter name checks are the same rules
   * without regular expressions ({@link HeaderCharacters}): it checks each header whenever it is
   * read, several times a request.
   */
  @Bean
  HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(HeaderCharacters.NAMES);
    firewall.setAllowedHeaderValues(HeaderCharacters.VALUES);
    firewall.setAllowedParameterNames(HeaderCharacters.NAMES);
    return firewall;
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiSecurityProperties properties,
      ApiKeys keys,
      ApiKeyAuthenticationProvider provider,
      SecurityErrorHandler errors)
      throws Exception {
    cors(http, properties.cors());
    if (keys.isEmpty()) {
      log.warn(
          "No API keys are configured (backprop.security.admin-keys, backprop.security.predict-keys):"
              + " the API is open to anyone who can reach it. Set BACKPROP_SECURITY_ADMIN_KEYS"
              + " (and BACKPROP_SECURITY_PREDICT_KEYS) to require keys.");
      return open(http);
    }
    stateless(http, errors);
    log.info(
        "API keys required: {} admin key(s), {} predict key(s); health open, metrics and info {}",
        properties.adminKeys().size(),
        properties.predictKeys().size(),
        properties.openActuator() ? "open" : "need an admin key");
    OpenEndpoints open = new OpenEndpoints(properties.openActuator());
    http.addFilterBefore(
        new ApiKeyAuthenticationFilter(new ProviderManager(provider), errors, open),
        AuthorizationFilter.class);
    http.authorizeHttpRequests(
        auth -> {
          // Async dispatches (event streams) and error pages were authorised on the way in.
          auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
          auth.requestMatchers(open).permitAll();
          auth.requestMatchers(EndpointRequest.to("prometheus", "info")).hasRole(ADMIN);
          auth.requestMatchers(HttpMethod.GET, "/api/v1/**", "/v2", "/v2/**")
              .hasAnyRole(PREDICT, ADMIN);
          auth.requestMatchers(HttpMethod.HEAD, "/api/v1/**", "/v2", "/v2/**")
              .hasAnyRole(PREDICT, ADMIN);
          auth.requestMatchers(
                  HttpMethod.POST,
                  "/api/v1/networks/*/predictions",
                  "/api/v1/networks/*/versions/*/activations",
                  "/v2/models/*/infer",
                  "/v2/models/*/versions/*/infer")
              .hasAnyRole(PREDICT, ADMIN);
          auth.requestMatchers("/api/v1/**", "/v2", "/v2/**").hasRole(ADMIN);
          // Anything else (other actuator endpoints, unknown paths) needs a key of either kind.
          auth.anyRequest().hasAnyRole(PREDICT, ADMIN);
        });
    return http.build();
  }

  /**
   * With no keys, nobody is authenticated and every request is allowed: the chain keeps what a
   * client sees of it, the firewall (which is the filter chain proxy's own), the security headers
   * and CORS when configured, and nothing else. The filters that would follow find nothing to do on
   * any request, yet each cost every request its turn: a security context to hold and clear, an
   * anonymous authentication made (with its details) to be allowed by a rule that allows all, a
   * request wrapper answering {@code getUserPrincipal()} with the null Tomcat answers too, the
   * session management of a stateless service, and the async manager's integration, which hands
   * that empty context on to async threads.
   */
  private static SecurityFilterChain open(HttpSecurity http) throws Exception {
    noBrowserLogin(http)
        .sessionManagement(s -> s.disable())
        .securityContext(context -> context.disable())
        .anonymous(anonymous -> anonymous.disable())
        .servletApi(api -> api.disable())
        .exceptionHandling(e -> e.disable());
    DefaultSecurityFilterChain chain = http.build();
    List<Filter> filters =
        chain.getFilters().stream()
            .filter(filter -> !(filter instanceof WebAsyncManagerIntegrationFilter))
            .toList();
    return new DefaultSecurityFilterChain(chain.getRequestMatcher(), filters);
  }

  /**
   * No sessions, cookies, CSRF tokens, login form, basic authentication or logout: each request
   * carries its key; refusals are problem details from {@code errors}.
   */
  private static void stateless(HttpSecurity http, SecurityErrorHandler errors) throws Exception {
    noBrowserLogin(http)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.requireExplicitSave(true))
        .anonymous(Customizer.withDefaults())
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
  }

  /**
   * What neither chain has, keys or none: CSRF tokens, a saved request, a login form, basic
   * authentication, logout. An API client sends its key (or nothing) with every request.
   */
  private static HttpSecurity noBrowserLogin(HttpSecurity http) throws Exception {
    return http.csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable());
  }

  /** CORS as configured, or none at all. */
  private static void cors(HttpSecurity http, ApiSecurityProperties.Cors cors) throws Exception {
    if (cors.enabled()) {
      http.cors(c -> c.configurationSource(corsConfigurationSource(cors)));
    } else {
      http.cors(c -> c.disable());
    }
  }

  static CorsConfigurationSource corsConfigurationSource(ApiSecurityProperties.Cors cors) {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOriginPatterns(cors.allowedOrigins());
    config.setAllowedMethods(cors.allowedMethods());
    config.setAllowedHeaders(cors.allowedHeaders());
    config.setExposedHeaders(cors.exposedHeaders());
    config.setMaxAge(cors.maxAge());
    // Keys travel in headers, never in cookies.
    config.setAllowCredentials(false);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/v1/**", config);
    source.registerCorsConfiguration("/v2", config);
    source.registerCorsConfiguration("/v2/**", config);
    return source;
  }
}
