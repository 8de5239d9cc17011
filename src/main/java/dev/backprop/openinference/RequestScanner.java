package dev.backprop.openinference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the infer requests clients send ({@code id}, {@code parameters}, {@code inputs} with {@code
 * name}, {@code shape}, {@code datatype}, {@code parameters} and flat or nested {@code data}, and
 * {@code outputs} with {@code name} and {@code parameters}) straight from the body's bytes: the
 * tensor's numbers go into one {@code float[]} in the same pass, with no parser, token or boxed
 * number in between. What it returns equals what the mapper reads from the same bytes.
 *
 * <p>It reads only what it can read exactly as the mapper does and gives up (returns null) on
 * anything else: escapes or non-ASCII in strings, duplicate or unknown keys, {@code null}, values
 * of another JSON type than the usual one, numbers it cannot convert bit for bit, values that are
 * not finite in FP32, and malformed JSON. The caller then hands the body to the mapper, so that
 * what is accepted, and every error message, stays the mapper's.
 */
final class RequestScanner extends JsonBytes {

  /** The values of the {@code data} being read, and how many. */
  private float[] values;

  private int count;

  private RequestScanner(byte[] bytes, int offset, int length) {
    super(bytes, offset, length);
  }

  /**
   * The request in {@code length} bytes from {@code offset}, or null where the mapper must read.
   */
  static InferenceRequest scan(byte[] bytes, int offset, int length) {
    try {
      return new RequestScanner(bytes, offset, length).request();
    } catch (RuntimeException e) {
      if (e == GIVE_UP) {
        return null;
      }
      throw e;
    }
  }

  private InferenceRequest request() {
    String id = null;
    Map<String, Object> parameters = null;
    List<InferenceRequest.Input> inputs = null;
    List<InferenceRequest.RequestedOutput> outputs = null;
    int seen = 0;
    expect('{');
    if (!empty('}')) {
      do {
        String key = key();
        switch (key) {
          case "id" -> {
            seen = once(seen, 1);
            id = string();
          }
          case "parameters" -> {
            seen = once(seen, 2);
            parameters = parameters();
          }
          case "inputs" -> {
            seen = once(seen, 4);
            inputs = inputs();
          }
          case "outputs" -> {
            seen = once(seen, 8);
            outputs = outputs();
          }
          default -> throw GIVE_UP;
        }
      } while (more('}'));
    }
    skipSpace();
    if (at != end) {
      throw GIVE_UP;
    }
    return new InferenceRequest(id, parameters, inputs, outputs);
  }

  private List<InferenceRequest.Input> inputs() {
    List<InferenceRequest.Input> inputs = new ArrayList<>(1);
    expect('[');
    if (!empty(']')) {
      do {
        inputs.add(input());
      } while (more(']'));
    }
    return inputs;
  }

  private InferenceRequest.Input input() {
    String name = null;
    String datatype = null;
    List<Long> shape = null;
    Map<String, Object> parameters = null;
    TensorData data = null;
    int seen = 0;
    expect('{');
    if (!empty('}')) {
      do {
        String key = key();
        switch (key) {
          case "name" -> {
            seen = once(seen, 1);
            name = string();
          }
          case "shape" -> {
            seen = once(seen, 2);
            shape = shape();
          }
          case "datatype" -> {
            seen = once(seen, 4);
            datatype = string();
          }
          case "parameters" -> {
            seen = once(seen, 8);
            parameters = parameters();
          }
          case "data" -> {
            seen = once(seen, 16);
            data = data(expectedValues(shape, (end - at) / 2 + 1));
          }
          default -> throw GIVE_UP;
        }
      } while (more('}'));
    }
    return new InferenceRequest.Input(name, shape, datatype, parameters, data);
  }

  private List<InferenceRequest.RequestedOutput> outputs() {
    List<InferenceRequest.RequestedOutput> outputs = new ArrayList<>(1);
    expect('[');
    if (!empty(']')) {
      do {
        outputs.add(output());
      } while (more(']'));
    }
    return outputs;
  }

  private InferenceRequest.RequestedOutput output() {
    String name = null;
    Map<String, Object> parameters = null;
    int seen = 0;
    expect('{');
    if (!empty('}')) {
      do {
        String key = key();
        if (key.equals("name")) {
          seen = once(seen, 1);
          name = string();
        } else if (key.equals("parameters")) {
          seen = once(seen, 2);
          parameters = parameters();
        } else {
          throw GIVE_UP;
        }
      } while (more('}'));
    }
    return new InferenceRequest.RequestedOutput(name, parameters);
  }

  /**
   * A parameters object whose values are booleans, strings or integers, as the mapper boxes them.
   */
  private Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    expect('{');
    if (!empty('}')) {
      do {
        String key = key();
        Object value = parameter();
        if (parameters.put(key, value) != null) {
          throw GIVE_UP;
        }
      } while (more('}'));
    }
    return parameters;
  }

  private Object parameter() {
    byte b = peek();
    if (b == '"') {
      return string();
    }
    if (b == 't' || b == 'f') {
      return bool();
    }
    long value = integer();
    // As the mapper boxes an integer: an Integer when it fits (not a conditional expression,
    // which would unbox both and box a Long).
    if (value == (int) value) {
      return Integer.valueOf((int) value);
    }
    return Long.valueOf(value);
  }

  private List<Long> shape() {
    List<Long> shape = new ArrayList<>(2);
    expect('[');
    if (!empty(']')) {
      do {
        shape.add(integer());
      } while (more(']'));
    }
    return shape;
  }

  /**
   * The values the shape read so far holds, to size the array; -1 when unknown, or more than the
   * rest of the body could hold (a shape can claim anything).
   */
  private static int expectedValues(List<Long> shape, int most) {
    if (shape == null || shape.isEmpty()) {
      return -1;
    }
    long count = 1;
    for (long dimension : shape) {
      count *= dimension;
      if (dimension < 0 || count > most) {
        return -1;
      }
    }
    return (int) count;
  }

  /**
   * {@code data}: an array of numbers, or of arrays of numbers (rows), into one array of the size
   * the shape says when the shape came first (as clients write it), else grown as it fills.
   */
  private TensorData data(int expected) {
    values = new float[expected >= 0 ? expected : 64];
    count = 0;
    expect('[');
    if (empty(']')) {
      return TensorData.of(trimmed(), 0, null);
    }
    if (peek() != '[') {
      do {
        add(fp32());
      } while (more(']'));
      return TensorData.of(trimmed(), count, null);
    }
    int[] rowSizes = new int[8];
    int rows = 0;
    do {
      if (rows == rowSizes.length) {
        rowSizes = Arrays.copyOf(rowSizes, rows * 2);
      }
      int before = count;
      expect('[');
      if (!empty(']')) {
        do {
          add(fp32());
        } while (more(']'));
      }
      rowSizes[rows++] = count - before;
    } while (more(']'));
    return TensorData.of(trimmed(), rows, rowSizes);
  }

  private void add(float value) {
    if (count == values.length) {
      values = Arrays.copyOf(values, Math.max(64, Math.multiplyExact(count, 2)));
    }
    values[count++] = value;
  }

  /** The values read, in an array of their number (the one already, when the shape said). */
  private float[] trimmed() {
    return count == values.length ? values : Arrays.copyOf(values, count);
  }
}
