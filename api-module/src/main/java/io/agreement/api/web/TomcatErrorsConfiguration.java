package io.agreement.api.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Tomcat's error report valve replaced by one that answers JSON ProblemDetails. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorsConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
    return new JsonErrorReports();
  }

  /** Runs after Boot's customizer, which adds an HTML valve of its own to the host. */
  private static final class JsonErrorReports
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
            if (host instanceof org.apache.catalina.core.StandardHost standard) {
              standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
