package dev.backprop.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares {@code nullable} every property that can be null, so that generated clients accept the
 * {@code null}s the service writes (a network without {@code latestVersion}, a job without {@code
 * error}) and leave optional request arrays unset rather than sending {@code []} (openapi-generator
 * starts nullable containers as null). A property can be null unless it is a Java primitive or
 * validated as present ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}). A reference that
 * may be null is marked here as an {@code allOf} of it, then made nullable where it points (see
 * {@link #nullableReferences}). Springdoc asks about the items of a list (and the values of a map)
 * as it asks about properties, but no list or map the API writes or takes holds nulls: those keep
 * {@code nullable} off.
 */
@Component
class NullableProperties implements PropertyCustomizer, OpenApiCustomizer {

  private static final Set<Class<? extends Annotation>> PRESENT =
      Set.of(NotNull.class, NotBlank.class, NotEmpty.class);

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Schema customize(Schema property, AnnotatedType type) {
    if (property == null || isPrimitive(type.getType()) || validatedPresent(type)) {
      return property;
    }
    if (property.get$ref() == null) {
      property.setNullable(true);
      return property;
    }
    ComposedSchema nullable = new ComposedSchema();
    nullable.setAllOf(List.of(new Schema<>().$ref(property.get$ref())));
    nullable.setNullable(true);
    nullable.setDescription(property.getDescription());
    return nullable;
  }

  /** Takes {@code nullable} back off the items of arrays and the values of maps. */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    schemas.values().forEach(NullableProperties::elementsNotNull);
    schemas.values().forEach(schema -> nullableReferences(schema, schemas));
  }

  /**
   * OpenAPI 3.0 ignores {@code nullable} beside a {@code $ref}, and a {@code null} fails an {@code
   * allOf} of a schema that is not itself nullable (validators, generators and the 3.0.3 text agree
   * on that). So a reference that may be null stays a plain {@code $ref} and the schema it names is
   * declared nullable: wherever else that schema is used, it may then be null too, which overstates
   * what the service sends but never understates it.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void nullableReferences(Schema schema, Map<String, Schema> schemas) {
    if (schema.getProperties() == null) {
      return;
    }
    ((Map<String, Schema>) schema.getProperties())
        .replaceAll(
            (name, property) -> {
              if (!Boolean.TRUE.equals(property.getNullable())
                  || property.getAllOf() == null
                  || property.getAllOf().size() != 1) {
                return property;
              }
              String ref = ((Schema) property.getAllOf().get(0)).get$ref();
              Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
              if (target != null) {
                target.setNullable(true);
              }
              return new Schema<>().$ref(ref);
            });
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void elementsNotNull(Schema schema) {
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) schema.getProperties())
          .values()
          .forEach(NullableProperties::elementsNotNull);
    }
    if (schema.getItems() != null) {
      schema.setItems(notNull(schema.getItems()));
      elementsNotNull(schema.getItems());
    }
    if (schema.getAdditionalProperties() instanceof Schema values) {
      schema.setAdditionalProperties(notNull(values));
      elementsNotNull((Schema) schema.getAdditionalProperties());
    }
  }

  @SuppressWarnings("rawtypes")
  private static Schema notNull(Schema element) {
    if (element.getAllOf() != null && element.getAllOf().size() == 1) {
      return new Schema<>().$ref(((Schema) element.getAllOf().get(0)).get$ref());
    }
    element.setNullable(null);
    return element;
  }

  private static boolean isPrimitive(Type type) {
    if (type instanceof JavaType java) {
      return java.isPrimitive();
    }
    return type instanceof Class<?> raw && raw.isPrimitive();
  }

  private static boolean validatedPresent(AnnotatedType type) {
    Annotation[] annotations = type.getCtxAnnotations();
    if (annotations == null) {
      return false;
    }
    for (Annotation annotation : annotations) {
      if (PRESENT.contains(annotation.annotationType())) {
        return true;
      }
      if (annotation instanceof io.swagger.v3.oas.annotations.media.Schema schema
          && schema.requiredMode()
              == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) {
        return true;
      }
    }
    return false;
  }
}
