package dev.backprop.openinference;

import java.util.Arrays;

/**
 * The JSON header of a binary answer, written byte by byte, for {@link InferenceCodec#binary}:
 * exactly what the mapper's generator writes for it (the same fields in the same order, no spaces),
 * without a generator, an output stream and their buffers for every request. It writes only answers
 * whose strings (model name, version, id, output names and datatypes) are printable ASCII with
 * nothing a JSON writer could escape, and whose {@code parameters} are absent; for any other it
 * returns null and the generator writes the header.
 */
final class AnswerHeader {

  private byte[] bytes = new byte[256];
  private int size;

  private AnswerHeader() {}

  /** The header's bytes, or null when the generator must write it. */
  static byte[] of(InferenceResponse response) {
    if (response.parameters() != null
        || !plain(response.modelName())
        || !plain(response.modelVersion())
        || (response.id() != null && !plain(response.id()))) {
      return null;
    }
    for (InferenceResponse.Output output : response.outputs()) {
      if (!plain(output.name()) || !plain(output.datatype())) {
        return null;
      }
    }
    AnswerHeader header = new AnswerHeader();
    header.ascii("{\"model_name\":\"").ascii(response.modelName());
    header.ascii("\",\"model_version\":\"").ascii(response.modelVersion());
    if (response.id() != null) {
      header.ascii("\",\"id\":\"").ascii(response.id());
    }
    header.ascii("\",\"outputs\":[");
    boolean first = true;
    for (InferenceResponse.Output output : response.outputs()) {
      header.ascii(first ? "{\"name\":\"" : ",{\"name\":\"").ascii(output.name());
      header.ascii("\",\"datatype\":\"").ascii(output.datatype()).ascii("\",\"shape\":[");
      long[] shape = output.shape();
      for (int i = 0; i < shape.length; i++) {
        header.ascii(i == 0 ? "" : ",").ascii(Long.toString(shape[i]));
      }
      header.ascii("],\"parameters\":{\"" + BinaryTensors.BINARY_DATA_SIZE + "\":");
      header.ascii(Long.toString((long) output.data().length * Float.BYTES)).ascii("}}");
      first = false;
    }
    header.ascii("]}");
    return Arrays.copyOf(header.bytes, header.size);
  }

  /**
   * Printable ASCII that no JSON writer escapes: not {@code "} or {@code \}, nor {@code /} (which a
   * writer may be set to escape).
   */
  private static boolean plain(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
        return false;
      }
    }
    return true;
  }

  private AnswerHeader ascii(String text) {
    int length = text.length();
    if (size + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
    }
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return this;
  }
}
