package dev.backprop.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's API key: unauthenticated as presented by {@link ApiKeyAuthenticationFilter},
 * authenticated (with the key's role, and the key itself dropped) by {@link
 * ApiKeyAuthenticationProvider}.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final String label;
  private transient String key;

  private ApiKeyAuthentication(String key, String label, List<SimpleGrantedAuthority> authorities) {
    super(authorities);
    this.key = key;
    this.label = label;
  }

  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, null, List.of());
  }

  static ApiKeyAuthentication authenticated(ApiKeys.Match match) {
    List<SimpleGrantedAuthority> authorities =
        match.role() == ApiKeys.Role.ADMIN
            ? List.of(
                new SimpleGrantedAuthority(ApiKeys.Role.ADMIN.authority()),
                new SimpleGrantedAuthority(ApiKeys.Role.PREDICT.authority()))
            : List.of(new SimpleGrantedAuthority(ApiKeys.Role.PREDICT.authority()));
    ApiKeyAuthentication authentication =
        new ApiKeyAuthentication(null, match.label(), authorities);
    authentication.setAuthenticated(true);
    return authentication;
  }

  /** The key as presented; null once authenticated. */
  @Override
  public Object getCredentials() {
    return key;
  }

  /** A label of the configured key, e.g. {@code admin-key-1}; safe to log. */
  @Override
  public Object getPrincipal() {
    return label;
  }

  @Override
  public void eraseCredentials() {
    super.eraseCredentials();
    key = null;
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
