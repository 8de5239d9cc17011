package dev.backprop.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's title, description, version and licence, as Swagger UI shows them. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI backpropOpenApi(@Value("${backprop.api-version:v1}") String version) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Backprop API")
                .version(version)
                .description(
                    "Define feedforward neural networks, train them by backpropagation in"
                        + " asynchronous jobs, and ask the trained versions for predictions."
                        + " Errors are RFC 9457 problem details (application/problem+json).")
                .contact(
                    new Contact()
                        .name("Backprop")
                        .url("https://github.com/backprop-dev/backprop/issues"))
                .license(
                    new License()
                        .name("Apache License 2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")));
  }
}
