package dev.backprop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * The security headers Spring Security's filter chain writes on every answer (its defaults: {@code
 * nosniff}, no caching, {@code X-Frame-Options: DENY}, HSTS over HTTPS), for the answers written
 * before that chain runs: a request its firewall refuses, and one Tomcat refuses before the
 * application sees it. Without them those answers were the only ones a browser might sniff, cache
 * or frame. Spring Security's own writers, in the chain's order, so the values cannot drift; none
 * writes a header twice (X-Frame-Options is set over any earlier value, the others keep it).
 */
final class RefusalHeaders {

  private static final List<HeaderWriter> WRITERS =
      List.of(
          new XContentTypeOptionsHeaderWriter(),
          new XXssProtectionHeaderWriter(),
          new CacheControlHeadersWriter(),
          new HstsHeaderWriter(),
          new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY));

  private RefusalHeaders() {}

  static void write(HttpServletRequest request, HttpServletResponse response) {
    for (HeaderWriter writer : WRITERS) {
      writer.writeHeaders(request, response);
    }
  }
}
