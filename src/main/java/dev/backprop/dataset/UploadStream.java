package dev.backprop.dataset;

import dev.backprop.web.LimitsProperties;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads the two large arrays of a JSON upload ({@link DatasetUpload#features()} and {@link
 * DatasetUpload#targets()}) element by element as the body streams in, handing each element to
 * {@link FeatureRows} or {@link JsonTargets}: the JSON text, a tree of it and the values are never
 * held at once. Jackson reads each element as a {@code List<Double>} or a {@code JsonNode}, so what
 * is accepted, and the errors for what is not (with their paths, e.g. {@code features[3][1]}), are
 * those of binding the whole arrays. The limits come from the reader's attribute {@link #LIMITS}.
 */
abstract class UploadStream<T> extends ValueDeserializer<T> {

  /** The attribute under which the reader passes the {@link LimitsProperties}. */
  static final Class<LimitsProperties> LIMITS = LimitsProperties.class;

  /** A new, empty accumulator of the array's elements. */
  abstract T start(LimitsProperties limits);

  /** Reads one element (the parser is at its first token) and adds it to {@code into}. */
  abstract void add(T into, JsonParser p, DeserializationContext ctxt);

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) {
    if (!p.isExpectedStartArrayToken()) {
      // What binding a list says of a value that is not an array: "must be an array".
      @SuppressWarnings("unchecked")
      T never = (T) ctxt.handleUnexpectedToken(ctxt.constructType(List.class), p);
      return never;
    }
    Object limits = ctxt.getAttribute(LIMITS);
    if (limits == null) {
      throw new IllegalStateException("a data set upload is read with its limits as an attribute");
    }
    T into = start((LimitsProperties) limits);
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      try {
        add(into, p, ctxt);
      } catch (JacksonException e) {
        throw DatabindException.wrapWithPath(ctxt, e, new JacksonException.Reference(into, i));
      }
    }
    return into;
  }

  /** {@code features}: one array of numbers per row. */
  static final class Features extends UploadStream<FeatureRows> {
    @Override
    FeatureRows start(LimitsProperties limits) {
      return new FeatureRows("features", limits);
    }

    @Override
    void add(FeatureRows into, JsonParser p, DeserializationContext ctxt) {
      JavaType row = ctxt.getTypeFactory().constructCollectionType(List.class, Double.class);
      into.add(p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, row));
    }
  }

  /** {@code targets}: one number, string or array of numbers per row. */
  static final class Targets extends UploadStream<JsonTargets> {
    @Override
    JsonTargets start(LimitsProperties limits) {
      return new JsonTargets("targets", limits);
    }

    /** A class label is taken from the parser's characters: no node, no String per row. */
    @Override
    void add(JsonTargets into, JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() == JsonToken.VALUE_STRING && into.takesLabels()) {
        into.addLabel(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
      } else {
        into.add(ctxt.readTree(p));
      }
    }
  }
}
