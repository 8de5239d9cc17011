package dev.backprop.openinference;

import dev.backprop.web.BodyErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The bodies of {@code infer}: reads a request, JSON or with binary tensor data, and writes an
 * answer whose output goes back as binary data. Whatever the request's media type, it is read as
 * JSON unless it has the {@value BinaryTensors#HEADER_LENGTH} header, which gives the length of its
 * JSON header: then the inputs' bytes follow that header ({@link BinaryTensors}).
 *
 * <p>The body is bounded by {@code backprop.limits.max-request-size} before it gets here: a binary
 * one is read whole, so every size it declares is checked against the bytes that are really there
 * before anything is allocated for it.
 */
@Component
class InferenceCodec {

  /** FP32 values written little-endian into a byte array, at any offset. */
  private static final VarHandle FLOATS =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  /** A header length as the extension allows it, compiled once rather than for every request. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

  private final ObjectMapper mapper;
  private final ObjectReader requests;

  InferenceCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.requests =
        mapper
            .readerFor(InferenceRequest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Tensor data is hundreds of numbers a request: parsed without a String each (and
            // rounded as Double.parseDouble rounds).
            .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
  }

  /**
   * Reads a request body: one that fits {@link BodyBuffer} is read into it once and scanned in
   * place ({@link RequestScanner}), or read by the mapper from there when the scanner gives up; a
   * larger one is read by the mapper as it streams in.
   *
   * @param body the body's bytes
   * @param contentLength its declared length, or -1
   * @param headerLength the {@value BinaryTensors#HEADER_LENGTH} header, or null for a JSON body
   */
  InferenceBody read(InputStream body, long contentLength, String headerLength) {
    int length = headerLength == null ? -1 : headerLength(headerLength);
    BodyBuffer buffer = BodyBuffer.read(body, contentLength);
    if (!buffer.buffered()) {
      return read(buffer.rest(), length);
    }
    byte[] bytes = buffer.bytes();
    if (length < 0) {
      InferenceRequest request = parse(bytes, buffer.length(), false);
      BinaryTensors.requireNone(request);
      return new InferenceBody(request, null, BinaryTensors.outputRequested(request));
    }
    return binary(bytes, buffer.length(), length);
  }

  /** Reads a body from its stream (one too large for the buffer); {@code length} -1 for JSON. */
  private InferenceBody read(InputStream body, int length) {
    if (length < 0) {
      InferenceRequest request = parse(body);
      BinaryTensors.requireNone(request);
      return new InferenceBody(request, null, BinaryTensors.outputRequested(request));
    }
    byte[] bytes;
    try {
      bytes = body.readAllBytes();
    } catch (IOException e) {
      throw InputTensor.invalid("the request body could not be read: " + e.getMessage());
    }
    return binary(bytes, bytes.length, length);
  }

  /** A body of {@code size} bytes with binary data after a JSON header of {@code length} bytes. */
  private InferenceBody binary(byte[] bytes, int size, int length) {
    if (length > size) {
      throw InputTensor.invalid(
          BinaryTensors.HEADER_LENGTH
              + " is "
              + length
              + " but the body holds only "
              + size
              + " bytes");
    }
    InferenceRequest request = parse(bytes, length, true);
    ByteBuffer data = ByteBuffer.wrap(bytes, length, size - length);
    return new InferenceBody(
        request, BinaryTensors.decode(request, data), BinaryTensors.outputRequested(request));
  }

  /**
   * The answer as JSON, as the application's mapper writes the record (the fields in its order,
   * none that are null), into one array whose length is the response's Content-Length.
   */
  byte[] json(InferenceResponse response) {
    int values = 0;
    for (InferenceResponse.Output output : response.outputs()) {
      values += output.data().length;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(128 + 16 * values);
    try (JsonGenerator json = mapper.createGenerator(body)) {
      json.writeStartObject();
      writeModel(json, response);
      json.writeArrayPropertyStart("outputs");
      for (InferenceResponse.Output output : response.outputs()) {
        json.writeStartObject();
        json.writeStringProperty("name", output.name());
        json.writeStringProperty("datatype", output.datatype());
        json.writeName("shape");
        json.writeArray(output.shape(), 0, output.shape().length);
        json.writeName("data");
        json.writeStartArray(output.data(), output.data().length);
        for (float value : output.data()) {
          json.writeNumber(value);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return body.toByteArray();
  }

  /** The answer's fields before its outputs; {@code id} and {@code parameters} when present. */
  private static void writeModel(JsonGenerator json, InferenceResponse response) {
    json.writeStringProperty("model_name", response.modelName());
    json.writeStringProperty("model_version", response.modelVersion());
    if (response.id() != null) {
      json.writeStringProperty("id", response.id());
    }
    if (response.parameters() != null) {
      json.writePOJOProperty("parameters", response.parameters());
    }
  }

  /**
   * The answer with its output as binary data: the JSON header (the output with {@code
   * binary_data_size} in its parameters instead of {@code data}), then each output's values as
   * little-endian FP32. The header is written byte by byte ({@link AnswerHeader}), or field by
   * field by the mapper's generator when it has strings to escape or parameters, and the values
   * straight from the output's {@code float[]} into the one array that is the body.
   */
  Encoded binary(InferenceResponse response) {
    byte[] header = AnswerHeader.of(response);
    if (header == null) {
      header = generatedHeader(response);
    }
    int values = 0;
    for (InferenceResponse.Output output : response.outputs()) {
      values = Math.addExact(values, output.data().length);
    }
    byte[] body =
        Arrays.copyOf(
            header, Math.addExact(header.length, Math.multiplyExact(values, Float.BYTES)));
    int at = header.length;
    for (InferenceResponse.Output output : response.outputs()) {
      for (float value : output.data()) {
        FLOATS.set(body, at, value);
        at += Float.BYTES;
      }
    }
    return new Encoded(body, header.length);
  }

  /** The binary answer's JSON header, as the mapper's generator writes it. */
  byte[] generatedHeader(InferenceResponse response) {
    ByteArrayOutputStream header = new ByteArrayOutputStream(256);
    try (JsonGenerator json = mapper.createGenerator(header)) {
      json.writeStartObject();
      writeModel(json, response);
      json.writeArrayPropertyStart("outputs");
      for (InferenceResponse.Output output : response.outputs()) {
        writeHeader(json, output);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return header.toByteArray();
  }

  /** One output of the binary answer's JSON header: its data's size instead of its data. */
  private static void writeHeader(JsonGenerator json, InferenceResponse.Output output) {
    json.writeStartObject();
    json.writeStringProperty("name", output.name());
    json.writeStringProperty("datatype", output.datatype());
    json.writeName("shape");
    json.writeArray(output.shape(), 0, output.shape().length);
    json.writeObjectPropertyStart("parameters");
    json.writeNumberProperty(
        BinaryTensors.BINARY_DATA_SIZE, (long) output.data().length * Float.BYTES);
    json.writeEndObject();
    json.writeEndObject();
  }

  /**
   * A binary answer.
   *
   * @param body the whole body
   * @param headerLength the length of its JSON header
   */
  record Encoded(byte[] body, int headerLength) {}

  /** The JSON request in the first {@code length} bytes: scanned, or else read by the mapper. */
  private InferenceRequest parse(byte[] bytes, int length, boolean header) {
    InferenceRequest scanned = RequestScanner.scan(bytes, 0, length);
    if (scanned != null) {
      return scanned;
    }
    try {
      return notNull(requests.readValue(bytes, 0, length));
    } catch (JacksonException e) {
      throw invalid(e, header ? length : -1);
    }
  }

  /** The JSON request from a stream. */
  private InferenceRequest parse(InputStream stream) {
    try {
      return notNull(requests.readValue(stream));
    } catch (JacksonException e) {
      throw invalid(e, -1);
    }
  }

  private static InferenceRequest notNull(InferenceRequest request) {
    if (request == null) {
      throw InputTensor.invalid("the request body must be a JSON object, not null");
    }
    return request;
  }

  /**
   * A body the mapper refused, described in the client's terms (field, expected JSON kind), never
   * Jackson's wording; {@code headerLength} -1 for a JSON body.
   */
  private static RuntimeException invalid(JacksonException e, int headerLength) {
    String detail = BodyErrors.of(e).detail();
    return InputTensor.invalid(
        headerLength < 0
            ? detail
            : "the JSON header (the first "
                + headerLength
                + " bytes, as "
                + BinaryTensors.HEADER_LENGTH
                + " says) "
                + detail);
  }

  private static int headerLength(String value) {
    String digits = value.strip();
    if (!DIGITS.matcher(digits).matches() || Long.parseLong(digits) > Integer.MAX_VALUE) {
      throw InputTensor.invalid(
          BinaryTensors.HEADER_LENGTH
              + " must be the length in bytes of the JSON header, a whole number, was '"
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "'");
    }
    int length = Integer.parseInt(digits);
    if (length == 0) {
      throw InputTensor.invalid(
          BinaryTensors.HEADER_LENGTH + " is 0, but the JSON request cannot be empty");
    }
    return length;
  }
}
