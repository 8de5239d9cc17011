package dev.backprop.security;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API. With no keys at all the service runs open (and says so at startup); with
 * any key configured, every {@code /api/v1/**} and {@code /v2/**} request needs one, sent as {@code
 * Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 *
 * @param adminKeys keys that may do everything: define, train, import and delete as well as read
 *     and predict (env {@code BACKPROP_SECURITY_ADMIN_KEYS}, comma-separated)
 * @param predictKeys keys that may only read ({@code GET}) and predict or infer (env {@code
 *     BACKPROP_SECURITY_PREDICT_KEYS}, comma-separated); a predict key on any other endpoint is a
 *     403
 * @param openActuator whether {@code /actuator/prometheus} and {@code /actuator/info} stay
 *     reachable without a key when keys are configured; false (the default) puts them behind the
 *     admin key, since they name models, a file path, the commit and the JVM. The health probes
 *     ({@code /actuator/health/**}, {@code /v2}, {@code /v2/health/**}) are open either way
 * @param cors what browser clients on other origins may do; none by default
 */
@ConfigurationProperties("backprop.security")
public record ApiSecurityProperties(
    @DefaultValue List<String> adminKeys,
    @DefaultValue List<String> predictKeys,
    @DefaultValue("false") boolean openActuator,
    @DefaultValue Cors cors) {

  public ApiSecurityProperties {
    adminKeys = clean(adminKeys);
    predictKeys = clean(predictKeys);
    cors = cors == null ? new Cors(null, null, null, null, null) : cors;
  }

  /** Whether any key is configured, that is, whether the API is closed to callers without one. */
  public boolean keysConfigured() {
    return !adminKeys.isEmpty() || !predictKeys.isEmpty();
  }

  @Override
  public String toString() {
    // Never log the keys themselves.
    return "ApiSecurityProperties[adminKeys="
        + adminKeys.size()
        + ", predictKeys="
        + predictKeys.size()
        + ", openActuator="
        + openActuator
        + ", cors="
        + cors
        + "]";
  }

  /**
   * Cross-origin access for browser clients (Swagger UI on another host, dashboards).
   *
   * @param allowedOrigins origins allowed to call the API, e.g. {@code https://ui.example.com}
   *     (patterns such as {@code https://*.example.com} allowed); empty (the default) turns CORS
   *     off, so browsers refuse cross-origin calls
   * @param allowedMethods methods a cross-origin request may use
   * @param allowedHeaders request headers a cross-origin request may send
   * @param exposedHeaders response headers a browser script may read
   * @param maxAge how long a browser may cache a preflight answer
   */
  public record Cors(
      List<String> allowedOrigins,
      List<String> allowedMethods,
      List<String> allowedHeaders,
      List<String> exposedHeaders,
      Duration maxAge) {

    public Cors {
      allowedOrigins = clean(allowedOrigins);
      allowedMethods =
          allowedMethods == null || clean(allowedMethods).isEmpty()
              ? List.of("GET", "POST", "DELETE")
              : clean(allowedMethods);
      allowedHeaders =
          allowedHeaders == null || clean(allowedHeaders).isEmpty()
              ? List.of("Authorization", "X-API-Key", "Content-Type", "Accept")
              : clean(allowedHeaders);
      exposedHeaders =
          exposedHeaders == null || clean(exposedHeaders).isEmpty()
              ? List.of("Location", "WWW-Authenticate")
              : clean(exposedHeaders);
      maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    }

    public boolean enabled() {
      return !allowedOrigins.isEmpty();
    }
  }

  /** Trims every entry and drops the blank ones, so that {@code KEYS=""} means no keys. */
  private static List<String> clean(List<String> values) {
    return values == null
        ? List.of()
        : values.stream()
            .filter(Objects::nonNull)
            .map(String::strip)
            .filter(v -> !v.isEmpty())
            .toList();
  }
}
