package dev.backprop.web;

import dev.backprop.web.Problems.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers 401 (no or unknown key), 403 (a predict key on an admin endpoint) and 400 (a request the
 * firewall refuses, such as an encoded {@code ..} in the path) the way the rest of the API does: a
 * problem detail under {@code /api/v1}, {@code { "error": "..." }} under {@code /v2}.
 */
public final class SecurityErrorHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  public SecurityErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
      throws IOException {
    boolean badKey = ex instanceof BadCredentialsException;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, badKey ? "Bearer error=\"invalid_token\"" : "Bearer");
    String detail =
        badKey
            ? ex.getMessage()
            : "This endpoint needs an API key, sent as 'Authorization: Bearer <key>' or"
                + " 'X-API-Key: <key>'.";
    ErrorResponses.write(
        request, response, json, Problems.ofStatus(HttpStatus.UNAUTHORIZED), detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
      throws IOException {
    ErrorResponses.write(
        request,
        response,
        json,
        Problems.ofStatus(HttpStatus.FORBIDDEN),
        "This endpoint needs an admin key; the key sent may only read and predict.");
  }

  /**
   * For the firewall's {@link org.springframework.security.web.firewall.RequestRejectedHandler}.
   */
  public void rejected(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
      throws IOException {
    RefusalHeaders.write(request, response); // the filter chain that writes them has not run
    ErrorResponses.write(
        request,
        response,
        json,
        new Problem(HttpStatus.BAD_REQUEST, Problems.typeOf(400), "Malformed request"),
        "The request was refused: " + ex.getMessage());
  }
}
