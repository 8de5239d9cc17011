package dev.backprop.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs Tomcat's HTTP connector as {@link HeaderTimeoutProtocol}, so that requests which dribble
 * their headers in are closed after {@code backprop.http.header-timeout}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpConnectionProperties.class)
class HttpConnectionConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> headerTimeoutCustomizer(
      HttpConnectionProperties properties) {
    return factory -> {
      factory.setProtocol(HeaderTimeoutProtocol.class.getName());
      factory.addProtocolHandlerCustomizers(
          handler -> {
            if (handler instanceof HeaderTimeoutProtocol protocol) {
              protocol.setHeaderTimeout(properties.headerTimeout().toMillis());
            }
          });
    };
  }
}
