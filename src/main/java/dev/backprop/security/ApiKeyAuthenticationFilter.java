package dev.backprop.security;

import dev.backprop.web.NamedOncePerRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the API key of a request, from {@code Authorization: Bearer <key>} or {@code X-API-Key:
 * <key>}, and authenticates it. A request without a key goes on anonymously (the authorisation
 * rules then decide); a request with an unknown or malformed key is refused at once with a 401.
 * Requests to {@link OpenEndpoints} are not looked at: whatever key they carry is ignored.
 */
final class ApiKeyAuthenticationFilter extends NamedOncePerRequestFilter {

  static final String API_KEY_HEADER = "X-API-Key";
  static final String AUTHORIZATION_HEADER = "Authorization";
  private static final String BEARER = "bearer ";

  private final AuthenticationManager authenticationManager;
  private final AuthenticationEntryPoint entryPoint;
  private final RequestMatcher open;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  ApiKeyAuthenticationFilter(
      AuthenticationManager authenticationManager,
      AuthenticationEntryPoint entryPoint,
      RequestMatcher open) {
    this.authenticationManager = authenticationManager;
    this.entryPoint = entryPoint;
    this.open = open;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return open.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key;
    try {
      key = presentedKey(request);
    } catch (BadCredentialsException e) {
      entryPoint.commence(request, response, e);
      return;
    }
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    try {
      Authentication authenticated =
          authenticationManager.authenticate(ApiKeyAuthentication.presented(key));
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(authenticated);
      contexts.setContext(context);
    } catch (AuthenticationException e) {
      contexts.clearContext();
      entryPoint.commence(request, response, e);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }

  /** The key the request presents, null if none; two different keys are refused. */
  static String presentedKey(HttpServletRequest request) {
    String bearer = null;
    String authorization = request.getHeader(AUTHORIZATION_HEADER);
    if (authorization != null
        && authorization.length() >= BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      bearer = authorization.substring(BEARER.length()).strip();
      if (bearer.isEmpty()) {
        throw new BadCredentialsException("The bearer token is empty.");
      }
    }
    String header = request.getHeader(API_KEY_HEADER);
    if (header != null) {
      header = header.strip();
      if (header.isEmpty()) {
        throw new BadCredentialsException("The " + API_KEY_HEADER + " header is empty.");
      }
    }
    if (bearer != null && header != null && !bearer.equals(header)) {
      throw new BadCredentialsException(
          "The request carries two different keys; send one, as a bearer token or in "
              + API_KEY_HEADER
              + ".");
    }
    return bearer != null ? bearer : header;
  }
}
