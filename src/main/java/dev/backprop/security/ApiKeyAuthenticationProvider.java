package dev.backprop.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks a presented API key against the configured ones, in constant time. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeys keys;

  ApiKeyAuthenticationProvider(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String presented = (String) authentication.getCredentials();
    return keys.match(presented)
        .map(ApiKeyAuthentication::authenticated)
        .orElseThrow(() -> new BadCredentialsException("The API key is not known."));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
