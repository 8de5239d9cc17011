package dev.backprop.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares the API key schemes in the OpenAPI document and applies them to every operation, so that
 * Swagger UI's Authorize button sends the key: either as {@code X-API-Key} or as a bearer token.
 * (With no keys configured the service ignores both.)
 */
@Component
class OpenApiSecurityCustomizer implements OpenApiCustomizer {

  static final String API_KEY = "apiKey";
  static final String BEARER = "bearer";

  @Override
  public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi
        .getComponents()
        .addSecuritySchemes(
            API_KEY,
            new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(ApiKeyAuthenticationFilter.API_KEY_HEADER)
                .description(
                    "An admin key (everything) or a predict key (GET and predictions only)."))
        .addSecuritySchemes(
            BEARER,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("The same keys, as 'Authorization: Bearer <key>'."));
    // Either scheme satisfies the requirement.
    openApi.setSecurity(
        List.of(
            new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
  }
}
