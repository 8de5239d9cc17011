package dev.backprop.dashboard;

import dev.backprop.web.NamedOncePerRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets the dashboard's security headers on its page and static files: a content security policy
 * that allows scripts, styles, images and connections from the service itself only (no inline
 * script, no {@code eval}, no other origin), and no framing by other sites.
 */
final class DashboardHeadersFilter extends NamedOncePerRequestFilter {

  /** {@code blob:} images let the page offer a job's SVG for download without a second fetch. */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Whether a path is the dashboard's: its page, its own files, or the libraries it loads. */
  static boolean isDashboard(String path) {
    return path.equals("/")
        || path.equals("/index.html")
        || path.startsWith("/dashboard/")
        || path.startsWith("/webjars/uplot/");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isDashboard(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    chain.doFilter(request, response);
  }
}
