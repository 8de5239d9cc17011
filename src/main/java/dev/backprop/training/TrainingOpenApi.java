package dev.backprop.training;

import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The losses of an epoch as they are written: a number, or (when training diverged) Jackson's
 * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}, which JSON has no number for.
 */
@Configuration(proxyBeanMethods = false)
class TrainingOpenApi {

  static final String EPOCH = "EpochRecord";

  @Bean
  OpenApiCustomizer nonFiniteLosses() {
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> epoch = openApi.getComponents().getSchemas().get(EPOCH);
      if (epoch == null || epoch.getProperties() == null) {
        return;
      }
      epoch.getProperties().put("loss", loss("The training loss.", false));
      epoch
          .getProperties()
          .put(
              "validationLoss", loss("The validation loss; null without a validation part.", true));
    };
  }

  private static Schema<Object> loss(String description, boolean nullable) {
    StringSchema nonFinite = new StringSchema();
    nonFinite.setEnum(List.of("NaN", "Infinity", "-Infinity"));
    // anyOf rather than oneOf, and null allowed on the number: OpenAPI 3.0 honours nullable only
    // beside a type, and a null must match one branch, not none.
    NumberSchema number = new NumberSchema();
    number.setFormat("double");
    if (nullable) {
      number.setNullable(true);
    }
    Schema<Object> loss = new Schema<>();
    loss.setDescription(description + " A string when training diverged: NaN or ±Infinity.");
    loss.setAnyOf(List.of(number, nonFinite));
    loss.setExample(0.21);
    return loss;
  }
}
