package dev.backprop.prediction;

import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A prediction request's {@code inputs}, read straight from the parser's tokens into one {@code
 * float[]}: no list of boxed doubles per row. The network's width is not known while the body is
 * read, so the reader notes each row's length, the first value that is not finite in FP32, and
 * every null (refused by {@link NoNullValues} as the element constraints of a {@code
 * List<List<Double>>} refused them); {@link #values} then checks the rows against the width, in the
 * order they were written. Anything that is not an array of arrays of numbers is handed to
 * Jackson's own readers for those types, so that it is refused (or coerced) as before, naming the
 * same field.
 */
@JsonDeserialize(using = InputValues.Reader.class)
public final class InputValues {

  private final int rows;
  private final float[] values;
  private final int[] rowSizes;
  private final Refusal refusal;
  private final List<int[]> nulls;

  private InputValues(
      int rows, float[] values, int[] rowSizes, Refusal refusal, List<int[]> nulls) {
    this.rows = rows;
    this.values = values;
    this.rowSizes = rowSizes;
    this.refusal = refusal;
    this.nulls = nulls;
  }

  /** The first value not finite in FP32: where, and the number as it was read. */
  private record Refusal(int row, int column, double value) {}

  /** How many rows were sent. */
  public int rows() {
    return rows;
  }

  /** Every null, as {row, column} ({row, -1} for a null row), in the order written. */
  List<int[]> nulls() {
    return nulls;
  }

  /**
   * The values, row-major, once every row is checked to hold {@code width} values (refusing the
   * first that does not, or the first value not finite in FP32, as they come in the body).
   */
  float[] values(int width, String field) {
    for (int r = 0; r < rows; r++) {
      if (rowSizes[r] != width) {
        throw invalid(
            field + "[" + r + "]", "has " + rowSizes[r] + " values but the network takes " + width);
      }
      if (refusal != null && refusal.row == r) {
        throw invalid(
            field + "[" + r + "][" + refusal.column + "]",
            "must be a finite number within float32 range, was " + refusal.value);
      }
    }
    return values;
  }

  private static InvalidFieldException invalid(String field, String message) {
    return new InvalidFieldException(Subject.INPUT, field, message);
  }

  /** Reads {@code inputs} token by token, into a per-thread buffer, then one exact copy. */
  static final class Reader extends ValueDeserializer<InputValues> {

    /** Buffers up to this many values are kept between requests (4 MB a thread at most). */
    private static final int MAX_KEPT = 1 << 20;

    private static final ThreadLocal<float[]> BUFFER =
        ThreadLocal.withInitial(() -> new float[1024]);

    /** The state of one read. */
    private static final class Read {
      float[] buffer = BUFFER.get();
      int count;
      int[] rowSizes = new int[4];
      Refusal refusal;
      List<int[]> nulls = List.of();

      void add(float value) {
        if (count == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.multiplyExact(buffer.length, 2));
          if (buffer.length <= MAX_KEPT) {
            BUFFER.set(buffer);
          }
        }
        buffer[count++] = value;
      }

      void rowSize(int row, int size) {
        if (row == rowSizes.length) {
          rowSizes = Arrays.copyOf(rowSizes, row * 2);
        }
        rowSizes[row] = size;
      }

      void number(int row, int column, double value) {
        float f = (float) value;
        if (!Float.isFinite(f) && refusal == null) {
          refusal = new Refusal(row, column, value);
        }
        add(f);
      }

      void nullAt(int row, int column) {
        if (nulls.isEmpty()) {
          nulls = new ArrayList<>();
        }
        nulls.add(new int[] {row, column});
      }
    }

    @Override
    public InputValues deserialize(JsonParser parser, DeserializationContext context) {
      if (!parser.isExpectedStartArrayToken()) {
        // Not an array: refused (or coerced) by the reader of List<List<Double>>, as before.
        List<List<Double>> rows = context.readValue(parser, rowsType(context));
        return rows == null ? null : fromLists(rows);
      }
      Read read = new Read();
      int row = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; row++) {
        read.rowSize(row, row(parser, context, read, row));
        token = parser.nextToken();
      }
      return read(read, row);
    }

    private static InputValues read(Read read, int rows) {
      return new InputValues(
          rows, Arrays.copyOf(read.buffer, read.count), read.rowSizes, read.refusal, read.nulls);
    }

    /** Reads one row; its length (0 for a null row). */
    private static int row(JsonParser parser, DeserializationContext context, Read read, int row) {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        read.nullAt(row, -1);
        return 0;
      }
      if (!parser.isExpectedStartArrayToken()) {
        List<Double> values = at(row, () -> context.readValue(parser, rowType(context)));
        for (int c = 0; values != null && c < values.size(); c++) {
          element(read, row, c, values.get(c));
        }
        return values == null ? 0 : values.size();
      }
      int column = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; column++) {
        if (token.isNumeric()) {
          read.number(row, column, PlainDecimal.value(parser));
        } else if (token == JsonToken.VALUE_NULL) {
          read.nullAt(row, column);
          read.add(0f);
        } else {
          // A string or other token: taken (or refused) as Jackson reads a Double.
          int c = column;
          Double value = at(row, () -> at(c, () -> context.readValue(parser, Double.class)));
          element(read, row, column, value);
        }
        token = parser.nextToken();
      }
      return column;
    }

    private static void element(Read read, int row, int column, Double value) {
      if (value == null) {
        read.nullAt(row, column);
        read.add(0f);
      } else {
        read.number(row, column, value);
      }
    }

    /** Runs a read whose refusal then names its place in the array, as Jackson's lists do. */
    private static <T> T at(int index, java.util.function.Supplier<T> reading) {
      try {
        return reading.get();
      } catch (JacksonException e) {
        throw e.prependPath(null, index);
      }
    }

    private static InputValues fromLists(List<List<Double>> rows) {
      Read read = new Read();
      for (int r = 0; r < rows.size(); r++) {
        List<Double> values = rows.get(r);
        if (values == null) {
          read.nullAt(r, -1);
          read.rowSize(r, 0);
          continue;
        }
        for (int c = 0; c < values.size(); c++) {
          element(read, r, c, values.get(c));
        }
        read.rowSize(r, values.size());
      }
      return read(read, rows.size());
    }

    private static JavaType rowType(DeserializationContext context) {
      return context.getTypeFactory().constructCollectionType(List.class, Double.class);
    }

    private static JavaType rowsType(DeserializationContext context) {
      return context.getTypeFactory().constructCollectionType(List.class, rowType(context));
    }
  }
}
