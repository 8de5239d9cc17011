package dev.backprop.web;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.NotReadyException;
import dev.backprop.web.Problems.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * Error answers written by servlet filters, which run before (and outside) Spring MVC and its
 * {@link ProblemDetailsAdvice}: an RFC 9457 problem detail, or on the Open Inference Protocol's
 * {@code /v2} paths the protocol's {@code { "error": "..." }}.
 */
public final class ErrorResponses {

  private ErrorResponses() {}

  /** Whether the request is one of the Open Inference Protocol's, which has its own error body. */
  public static boolean isOpenInference(HttpServletRequest request) {
    String path = pathWithinApplication(request);
    return path.equals("/v2") || path.startsWith("/v2/");
  }

  public static String pathWithinApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (uri == null) {
      return "";
    }
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }

  /**
   * The headers an error answer carries beyond its body: {@code Retry-After} (in seconds) when the
   * failure says when a retry is reasonable.
   */
  public static HttpHeaders headers(DomainException ex) {
    HttpHeaders headers = new HttpHeaders();
    if (ex instanceof NotReadyException notReady && notReady.retryAfter() != null) {
      headers.set(
          HttpHeaders.RETRY_AFTER,
          Long.toString(Math.max(1, (notReady.retryAfter().toMillis() + 999) / 1000)));
    }
    return headers;
  }

  /**
   * The body of an error answer: on {@code /v2} the protocol's {@code { "error": detail }}, else a
   * problem detail.
   *
   * @param instance the problem detail's {@code instance}, or null to leave it out
   */
  static Map<String, Object> body(
      boolean openInference, int status, URI type, String title, String detail, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (openInference) {
      body.put("error", detail);
      return body;
    }
    body.put("type", type.toString());
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    return body;
  }

  /** The content type of {@link #body}. */
  static String contentType(boolean openInference) {
    return openInference
        ? MediaType.APPLICATION_JSON_VALUE
        : MediaType.APPLICATION_PROBLEM_JSON_VALUE;
  }

  /** Writes a domain exception's answer (with its headers), as the other {@code write} does. */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ObjectMapper json,
      DomainException ex)
      throws IOException {
    if (!response.isCommitted()) {
      headers(ex).forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    }
    write(request, response, json, Problems.of(ex), ex.getMessage());
  }

  /** Writes the error the way the request's protocol expects, unless the response is committed. */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ObjectMapper json,
      Problem problem,
      String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    boolean openInference = isOpenInference(request);
    response.setStatus(problem.status().value());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(contentType(openInference));
    Map<String, Object> body =
        body(
            openInference,
            problem.status().value(),
            problem.type(),
            problem.title(),
            detail,
            pathWithinApplication(request));
    response.getOutputStream().write(json.writeValueAsBytes(body));
    response.flushBuffer();
  }
}
