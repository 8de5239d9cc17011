package dev.backprop.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * Registers the {@link RequestSizeLimitFilter} for every request, after Spring Security. (A bean
 * method rather than a component, so that MVC test slices, which have no limits, leave it out.)
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      LimitsProperties limits, ObjectMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits, json));
    registration.setOrder(RequestSizeLimitFilter.ORDER);
    return registration;
  }
}
