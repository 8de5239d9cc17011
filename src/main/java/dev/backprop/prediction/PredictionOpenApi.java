package dev.backprop.prediction;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The items of a prediction request's {@code inputs}, which springdoc cannot derive from the reader
 * that takes them ({@link InputValues}): arrays of numbers, one per row, as the API has always
 * documented them.
 */
@Configuration(proxyBeanMethods = false)
class PredictionOpenApi {

  static final String REQUEST = "PredictionRequest";

  @Bean
  OpenApiCustomizer predictionInputRows() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> request = openApi.getComponents().getSchemas().get(REQUEST);
      if (request == null || request.getProperties() == null) {
        return;
      }
      Schema<?> inputs = request.getProperties().get("inputs");
      if (inputs != null) {
        inputs.setItems(new ArraySchema().items(new NumberSchema().format("double")));
      }
      // The reader's type is modelled before this replaces it; nothing refers to it.
      openApi.getComponents().getSchemas().remove("InputValues");
    };
  }
}
