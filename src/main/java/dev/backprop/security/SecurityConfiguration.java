package dev.backprop.security;

import dev.backprop.web.SecurityErrorHandler;
import jakarta.servlet.DispatcherType;
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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.ObjectMapper;

/**
 * API keys with two roles, stateless: no sessions, no cookies, hence no CSRF tokens, no login form
 * and no basic authentication.
 *
 * <ul>
 *   <li>Open to all: the dashboard's page and static files ({@code /}, {@code /index.html}, {@code
 *       /dashboard/**}, {@code /webjars/**}), which hold no data; Swagger UI and {@code
 *       /v3/api-docs}; the health probes ({@code /actuator/health/**}, {@code /v2}, {@code
 *       /v2/health/**}) and {@code /actuator/prometheus} unless {@code
 *       backprop.security.open-actuator} is false.
 *   <li>Predict or admin key: every {@code GET} under {@code /api/v1} and {@code /v2}, {@code POST
 *       /api/v1/networks/{name}/predictions} and {@code .../versions/{v}/activations}, {@code POST
 *       /v2/models/{name}[/versions/{v}]/infer}.
 *   <li>Admin key: everything else under {@code /api/v1} and {@code /v2}.
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

  /** Requests the firewall refuses (e.g. an encoded {@code ..}) get a 400 problem detail. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(SecurityErrorHandler errors) {
    return errors::rejected;
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiSecurityProperties properties,
      ApiKeys keys,
      ApiKeyAuthenticationProvider provider,
      SecurityErrorHandler errors)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.requireExplicitSave(true))
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .anonymous(Customizer.withDefaults())
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    if (properties.cors().enabled()) {
      http.cors(cors -> cors.configurationSource(corsConfigurationSource(properties.cors())));
    } else {
      http.cors(cors -> cors.disable());
    }
    if (keys.isEmpty()) {
      log.warn(
          "No API keys are configured (backprop.security.admin-keys, backprop.security.predict-keys):"
              + " the API is open to anyone who can reach it. Set BACKPROP_SECURITY_ADMIN_KEYS"
              + " (and BACKPROP_SECURITY_PREDICT_KEYS) to require keys.");
      http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
      return http.build();
    }
    log.info(
        "API keys required: {} admin key(s), {} predict key(s); health and metrics {}",
        properties.adminKeys().size(),
        properties.predictKeys().size(),
        properties.openActuator() ? "open" : "need a key");
    http.addFilterBefore(
        new ApiKeyAuthenticationFilter(new ProviderManager(provider), errors),
        AuthorizationFilter.class);
    http.authorizeHttpRequests(
        auth -> {
          // Async dispatches (event streams) and error pages were authorised on the way in.
          auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
          auth.requestMatchers(
                  "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
              .permitAll();
          // The dashboard's page and files hold no data; every call it makes needs a key.
          auth.requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard/**", "/webjars/**")
              .permitAll();
          if (properties.openActuator()) {
            auth.requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll();
            auth.requestMatchers(HttpMethod.GET, "/v2", "/v2/health/**").permitAll();
          }
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
