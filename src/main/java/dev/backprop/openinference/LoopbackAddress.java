package dev.backprop.openinference;

import dev.backprop.security.ApiSecurityProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where this process's own web server can be called from inside it, for the warm-up over HTTP:
 * loopback when the server listens on every interface, else the address it is bound to; and the API
 * key to send when keys are configured (a predict key where there is one: the warm-up only infers).
 */
@Component
class LoopbackAddress {

  private final ApplicationContext context;
  private final Environment environment;
  private final ApiSecurityProperties security;

  LoopbackAddress(
      ApplicationContext context, Environment environment, ApiSecurityProperties security) {
    this.context = context;
    this.environment = environment;
    this.security = security;
  }

  /**
   * {@code http://host:port} plus the servlet context path, or empty when no server listens here (a
   * mock servlet environment) or it speaks TLS (its certificate may not name loopback).
   */
  Optional<String> base() {
    if (!(context instanceof WebServerApplicationContext web)
        || environment.getProperty("server.ssl.enabled", Boolean.class, false)
        || environment.containsProperty("server.ssl.bundle")) {
      return Optional.empty();
    }
    WebServer server = web.getWebServer();
    if (server == null || server.getPort() <= 0) {
      return Optional.empty();
    }
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    return Optional.of("http://" + host() + ":" + server.getPort() + contextPath);
  }

  /** The key to send, or null when the API is open. */
  String apiKey() {
    if (!security.predictKeys().isEmpty()) {
      return security.predictKeys().get(0);
    }
    return security.adminKeys().isEmpty() ? null : security.adminKeys().get(0);
  }

  private String host() {
    String address = environment.getProperty("server.address");
    try {
      if (address == null || InetAddress.getByName(address).isAnyLocalAddress()) {
        return InetAddress.getLoopbackAddress().getHostAddress();
      }
      InetAddress bound = InetAddress.getByName(address);
      String host = bound.getHostAddress();
      return host.contains(":") ? "[" + host + "]" : host;
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress().getHostAddress();
    }
  }
}
