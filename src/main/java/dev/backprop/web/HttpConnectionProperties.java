package dev.backprop.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the server waits for slow clients, beyond Tomcat's own {@code server.tomcat.*} settings.
 *
 * @param headerTimeout longest a request may take to send its request line and headers, counted
 *     from its first byte; a connection still sending headers after this is closed (slowloris).
 *     Tomcat's {@code server.tomcat.connection-timeout} only bounds the silence between two bytes
 */
@ConfigurationProperties("backprop.http")
public record HttpConnectionProperties(@DefaultValue("5s") Duration headerTimeout) {

  public HttpConnectionProperties {
    if (headerTimeout == null || headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("backprop.http.header-timeout must be positive");
    }
  }
}
