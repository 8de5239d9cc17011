package dev.backprop.openinference;

import dev.backprop.prediction.PlainDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An input's JSON {@code data}, read straight from the parser's tokens into one {@code float[]}: no
 * tree of boxed numbers in between. The shape it must match comes from fields that may follow it in
 * the body, so the reader only notes how the values were laid out (flat, or nested in rows, and
 * each row's length) and the first value that is not a finite FP32 number; {@link #values} then
 * checks them against the shape, refusing in the order the values were written.
 */
@JsonDeserialize(using = TensorData.Reader.class)
public final class TensorData {

  /** {@code data} that is not an array (including JSON null). */
  static final TensorData NOT_ARRAY = new TensorData(false, false, 0, new float[0], null, null);

  private final boolean array;
  private final boolean nested;
  private final int size;
  private final float[] values;
  private final int[] rowSizes;
  private final Refusal refusal;

  private TensorData(
      boolean array, boolean nested, int size, float[] values, int[] rowSizes, Refusal refusal) {
    this.array = array;
    this.nested = nested;
    this.size = size;
    this.values = values;
    this.rowSizes = rowSizes;
    this.refusal = refusal;
  }

  /**
   * The first value that cannot be taken: where it is (its row and place in the row when nested)
   * and either its JSON ({@code shown}) or its value beyond FP32's range.
   */
  private record Refusal(int row, int column, int index, String shown, double value) {}

  /**
   * Data read elsewhere ({@link RequestScanner}): every value a finite FP32 number.
   *
   * @param values the values, row-major
   * @param size the number of values, or of rows when nested
   * @param rowSizes each row's length when nested, else null
   */
  static TensorData of(float[] values, int size, int[] rowSizes) {
    return new TensorData(true, rowSizes != null, size, values, rowSizes, null);
  }

  /** Equal when read the same: the same layout, the same values bit for bit, the same refusal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TensorData data
        && array == data.array
        && nested == data.nested
        && size == data.size
        && Arrays.equals(values, data.values)
        && (!nested || Arrays.equals(rowSizes, 0, size, data.rowSizes, 0, size))
        && Objects.equals(refusal, data.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(array, nested, size, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return (nested ? "rows " + Arrays.toString(Arrays.copyOf(rowSizes, size)) + " " : "")
        + Arrays.toString(values);
  }

  boolean isArray() {
    return array;
  }

  /**
   * The values, row-major, checked against the shape ({@code rows} × {@code width}): refuses data
   * that does not match it, or the first value that is not a number or not finite in FP32.
   */
  float[] values(List<Long> shape, int rows, int width, boolean fp64) {
    if (nested) {
      if (size != rows) {
        throw shapeMismatch(shape, "has " + size + " rows");
      }
      for (int r = 0; r < rows; r++) {
        if (rowSizes[r] != width) {
          throw shapeMismatch(
              shape,
              "row " + r + (rowSizes[r] >= 0 ? " has " + rowSizes[r] + " values" : " is not"));
        }
        if (refusal != null && refusal.row == r) {
          throw refused(r * width + refusal.column, fp64);
        }
      }
    } else {
      if (size != rows * width) {
        throw shapeMismatch(shape, "has " + size + " values");
      }
      if (refusal != null) {
        throw refused(refusal.index, fp64);
      }
    }
    return values;
  }

  private RuntimeException refused(int index, boolean fp64) {
    if (refusal.shown != null) {
      return InputTensor.invalid(
          "input '"
              + InputTensor.INPUT
              + "' data["
              + index
              + "] must be a number, was "
              + refusal.shown);
    }
    return InputTensor.notFinite(index, fp64, refusal.value);
  }

  private static RuntimeException shapeMismatch(List<Long> shape, String what) {
    return InputTensor.invalid(
        "input '"
            + InputTensor.INPUT
            + "' data does not match its shape "
            + shape
            + ": it "
            + what);
  }

  /** Reads {@code data} token by token; values go through a per-thread buffer, then one copy. */
  static final class Reader extends ValueDeserializer<TensorData> {

    /** Buffers up to this many values are kept between requests (4 MB a thread at most). */
    private static final int MAX_KEPT = 1 << 20;

    private static final ThreadLocal<float[]> BUFFER =
        ThreadLocal.withInitial(() -> new float[1024]);

    /** The state of one read: the values so far and the first refusal. */
    private static final class Read {
      float[] buffer = BUFFER.get();
      int count;
      Refusal refusal;

      void add(float value) {
        if (count == buffer.length) {
          float[] larger = new float[Math.multiplyExact(buffer.length, 2)];
          System.arraycopy(buffer, 0, larger, 0, count);
          buffer = larger;
          if (larger.length <= MAX_KEPT) {
            BUFFER.set(larger);
          }
        }
        buffer[count++] = value;
      }
    }

    /** {@code "data": null} is data, just not an array (as a tree reads it). */
    @Override
    public TensorData getNullValue(DeserializationContext context) {
      return NOT_ARRAY;
    }

    /** No {@code data} at all (the values come as binary data, or are missing). */
    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return null;
    }

    @Override
    public TensorData deserialize(JsonParser parser, DeserializationContext context) {
      if (!parser.isExpectedStartArrayToken()) {
        parser.skipChildren();
        return NOT_ARRAY;
      }
      Read read = new Read();
      JsonToken token = parser.nextToken();
      boolean nested = token == JsonToken.START_ARRAY;
      int size = 0;
      int[] rowSizes = nested ? new int[8] : null;
      for (; token != JsonToken.END_ARRAY; token = parser.nextToken(), size++) {
        if (!nested) {
          value(parser, context, read, -1, size, size);
          continue;
        }
        if (size == rowSizes.length) {
          rowSizes = Arrays.copyOf(rowSizes, size * 2);
        }
        rowSizes[size] = row(parser, context, read, size);
      }
      float[] values = Arrays.copyOf(read.buffer, read.count);
      return new TensorData(true, nested, size, values, rowSizes, read.refusal);
    }

    /** Reads one nested row; its length, or -1 if it is not an array. */
    private static int row(JsonParser parser, DeserializationContext context, Read read, int row) {
      if (!parser.isExpectedStartArrayToken()) {
        parser.skipChildren();
        return -1;
      }
      int column = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; column++) {
        value(parser, context, read, row, column, read.count);
        token = parser.nextToken();
      }
      return column;
    }

    /** Takes the number under the parser, or notes the first value that cannot be taken. */
    private static void value(
        JsonParser parser, DeserializationContext context, Read read, int row, int column, int at) {
      if (parser.currentToken().isNumeric()) {
        double value = PlainDecimal.value(parser);
        float f = (float) value;
        if (!Float.isFinite(f) && read.refusal == null) {
          read.refusal = new Refusal(row, column, at, null, value);
        }
        read.add(f);
        return;
      }
      String shown = context.readTree(parser).toString();
      if (read.refusal == null) {
        read.refusal = new Refusal(row, column, at, shown, 0);
      }
      read.add(0f);
    }
  }
}
