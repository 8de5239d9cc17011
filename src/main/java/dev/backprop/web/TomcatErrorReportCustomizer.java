package dev.backprop.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Replaces Tomcat's HTML error report (and Spring Boot's variant of it) with {@link
 * ProblemErrorReportValve}. Runs after Spring Boot's own customizers.
 */
@Component
class TomcatErrorReportCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final ObjectMapper json;

  TomcatErrorReportCustomizer(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          var pipeline = context.getParent().getPipeline();
          for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
              pipeline.removeValve(valve);
            }
          }
          pipeline.addValve(new ProblemErrorReportValve(json));
          if (context.getParent() instanceof StandardHost host) {
            // Otherwise the host adds Tomcat's HTML report valve again when it starts (it finds
            // this one by its class name, so never needs to construct one).
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
