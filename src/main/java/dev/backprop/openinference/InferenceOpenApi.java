package dev.backprop.openinference;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schema of an input tensor's {@code data}, which springdoc cannot derive from Jackson's {@code
 * JsonNode}: an array whose items are numbers (flat, row-major) or arrays of numbers (nested as the
 * shape says). Its items are left untyped, as OpenAPI 3.0 has no recursive array of numbers that
 * generators model; a generated client sends a {@code List<Object>} of numbers or lists.
 */
@Configuration(proxyBeanMethods = false)
class InferenceOpenApi {

  static final String INPUT = "Input";

  @Bean
  OpenApiCustomizer inputTensorData() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> input = openApi.getComponents().getSchemas().get(INPUT);
      if (input == null || input.getProperties() == null) {
        return;
      }
      Schema<Object> item = new Schema<>();
      item.setDescription("A number, or (nested as the shape says) an array of numbers.");
      ArraySchema data = new ArraySchema().items(item);
      data.setDescription(
          "The values: flat in row-major order, or nested as the shape says. Absent when"
              + " `parameters.binary_data_size` sends them as bytes after the JSON.");
      data.setExample(List.of(5.1, 3.5, 1.4, 0.2));
      data.setNullable(true);
      input.getProperties().put("data", data);
      // The reader's type (TensorData) is modelled before this replaces it; nothing refers to it.
      openApi.getComponents().getSchemas().remove("TensorData");
    };
  }
}
