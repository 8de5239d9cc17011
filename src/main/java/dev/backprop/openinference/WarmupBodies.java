package dev.backprop.openinference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.ObjectMapper;

/**
 * The warm-up's one-row infer request bodies for a network of {@code width} inputs: {@link #ROWS}
 * distinct rows of seeded random values (so that no branch sees only one value), each as JSON and
 * as binary tensor data whose JSON header is {@link #headerLength} bytes long.
 */
record WarmupBodies(List<byte[]> json, List<byte[]> binary, int headerLength) {

  /** Seeds the input values: every start sends the same rows. */
  private static final long SEED = 20_240_611L;

  static final int ROWS = 16;

  static WarmupBodies of(ObjectMapper mapper, int width) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Long> shape = List.of(1L, (long) width);
    Map<String, Object> size = Map.of(BinaryTensors.BINARY_DATA_SIZE, width * Float.BYTES);
    byte[] header =
        mapper.writeValueAsBytes(
            Map.of(
                "inputs",
                input(shape, "parameters", size),
                "parameters",
                Map.of(BinaryTensors.BINARY_DATA_OUTPUT, true)));
    List<byte[]> json = new ArrayList<>(ROWS);
    List<byte[]> binary = new ArrayList<>(ROWS);
    for (int r = 0; r < ROWS; r++) {
      float[] values = new float[width];
      for (int c = 0; c < width; c++) {
        values[c] = (float) random.nextGaussian();
      }
      json.add(mapper.writeValueAsBytes(Map.of("inputs", input(shape, "data", values))));
      ByteBuffer body =
          ByteBuffer.allocate(header.length + width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      body.put(header).asFloatBuffer().put(values);
      binary.add(body.array());
    }
    return new WarmupBodies(List.copyOf(json), List.copyOf(binary), header.length);
  }

  /** Request {@code n}'s body: three in four JSON, one binary (then {@link #isBinary} is true). */
  byte[] body(int n) {
    return (isBinary(n) ? binary : json).get(n % ROWS);
  }

  static boolean isBinary(int n) {
    return n % 4 == 3;
  }

  /** The request's one input tensor, with its values ({@code data}) or their size. */
  private static List<Map<String, Object>> input(List<Long> shape, String key, Object value) {
    return List.of(
        Map.of(
            "name", InputTensor.INPUT, "shape", shape, "datatype", InputTensor.FP32, key, value));
  }
}
