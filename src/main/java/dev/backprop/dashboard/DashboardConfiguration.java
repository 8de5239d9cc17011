package dev.backprop.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard is static files under {@code classpath:/static/} (Spring Boot serves {@code
 * index.html} at {@code /}) and uPlot from its webjar; this adds their security headers. The filter
 * is registered by a bean method, so MVC test slices leave it out.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

  @Bean
  FilterRegistrationBean<DashboardHeadersFilter> dashboardHeadersFilter() {
    FilterRegistrationBean<DashboardHeadersFilter> registration =
        new FilterRegistrationBean<>(new DashboardHeadersFilter());
    registration.addUrlPatterns("/*");
    registration.setName("dashboardHeaders");
    return registration;
  }
}
