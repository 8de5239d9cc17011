package dev.backprop.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Binary model format (big-endian): magic "BPMD", format version (int), then the definition
 * (inputs, layer count, per layer units + activation name, loss, initializer, seed), the parameters
 * (per layer the weights row-major then the biases, as raw float bits), a standardisation flag with
 * mean and std, and a CRC-32 of everything before it. Floats are written bit for bit, so a round
 * trip is exact. No Java serialisation.
 */
public final class ModelCodec {
  static final int MAGIC = 0x42504D44; // "BPMD"
  public static final int FORMAT_VERSION = 1;

  /** Floats converted per chunk by {@link #writeFloats} and {@link #readFloats} (32 KiB). */
  private static final int CHUNK_FLOATS = 8192;

  private ModelCodec() {}

  public static byte[] encode(Model model) {
    try {
      SizedBytes bytes = new SizedBytes(sizeHint(model.spec()));
      DataOutputStream out = new DataOutputStream(bytes);
      NetworkSpec spec = model.spec();
      out.writeInt(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(spec.inputs());
      out.writeInt(spec.layers().size());
      for (LayerSpec layer : spec.layers()) {
        out.writeInt(layer.units());
        out.writeUTF(layer.activation().apiName());
      }
      out.writeUTF(spec.loss().apiName());
      out.writeUTF(spec.initializer().apiName());
      out.writeLong(spec.seed());
      Parameters p = model.parameters();
      for (int l = 0; l < p.layerCount(); l++) {
        writeFloats(out, p.w(l));
        writeFloats(out, p.b(l));
      }
      Standardization st = model.standardization();
      out.writeBoolean(st != null);
      if (st != null) {
        writeFloats(out, st.mean());
        writeFloats(out, st.std());
      }
      return sealed(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * About the bytes {@link #encode} writes for a model of this spec (a little more: its names are
   * guessed long), so that the stream holding them is made once at its size rather than doubled
   * some fifteen times on the way, each time copying what it held (about 1 MB for 784-256-128-10).
   */
  static int sizeHint(NetworkSpec spec) {
    int layers = spec.layers().size();
    long floats = spec.parameterCount() + 2L * spec.inputs();
    long bytes = 256 + 64L * layers + Float.BYTES * (floats + 2L * layers + 2);
    return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
  }

  /** What {@code out} wrote into {@code bytes}, followed by its CRC-32. */
  static byte[] sealed(SizedBytes bytes, DataOutputStream out) throws IOException {
    out.flush();
    CRC32 crc = new CRC32();
    // writeTo hands the stream's own array to the checksum: no copy of the bytes just for it.
    bytes.writeTo(new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
    out.writeInt((int) crc.getValue());
    out.flush();
    return bytes.written();
  }

  /** A byte stream made at the size its writer expects. */
  static final class SizedBytes extends ByteArrayOutputStream {
    SizedBytes(int size) {
      super(size);
    }

    /** The bytes written: the stream's own array when they fill it exactly, else a copy. */
    byte[] written() {
      return count == buf.length ? buf : toByteArray();
    }
  }

  /** Whether the last four bytes are the CRC-32 of those before them. */
  static boolean checksumMatches(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored =
        ((bytes[bytes.length - 4] & 0xff) << 24)
            | ((bytes[bytes.length - 3] & 0xff) << 16)
            | ((bytes[bytes.length - 2] & 0xff) << 8)
            | (bytes[bytes.length - 1] & 0xff);
    return stored == (int) crc.getValue();
  }

  public static Model decode(byte[] bytes) {
    if (bytes == null || bytes.length < 12) {
      throw new IllegalArgumentException("not a model: too short");
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
      checkHeader(in, bytes);
      long budget = bytes.length / 4; // no array can hold more floats than there are bytes / 4
      NetworkSpec spec = readSpec(in, budget);
      Parameters parameters = readParameters(in, spec);
      Standardization st = null;
      if (in.readBoolean()) {
        st = new Standardization(readFloats(in, spec.inputs()), readFloats(in, spec.inputs()));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("corrupt model: trailing bytes");
      }
      return new Model(spec, parameters, st);
    } catch (EOFException e) {
      throw new IllegalArgumentException("corrupt model: truncated", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt model: " + e.getMessage(), e);
    }
  }

  /** Magic number, format version, then the CRC-32 in the last four bytes. */
  private static void checkHeader(DataInputStream in, byte[] bytes) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IllegalArgumentException("not a model: wrong magic number");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported model format version " + version + " (supported: " + FORMAT_VERSION + ")");
    }
    if (!checksumMatches(bytes)) {
      throw new IllegalArgumentException("corrupt model: checksum mismatch (truncated or altered)");
    }
  }

  private static NetworkSpec readSpec(DataInputStream in, long budget) throws IOException {
    int inputs = in.readInt();
    int layerCount = in.readInt();
    if (inputs < 1 || inputs > budget || layerCount < 1 || layerCount > budget) {
      throw new IllegalArgumentException("corrupt model: bad sizes");
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      int units = in.readInt();
      if (units < 1 || units > budget) {
        throw new IllegalArgumentException("corrupt model: bad units in layer " + l);
      }
      layers.add(new LayerSpec(units, Activation.fromName(in.readUTF())));
    }
    Loss loss = Loss.fromName(in.readUTF());
    Initializer initializer = Initializer.fromName(in.readUTF());
    long seed = in.readLong();
    NetworkSpec spec = new NetworkSpec(inputs, layers, loss, initializer, seed);
    if (spec.parameterCount() > budget) {
      throw new IllegalArgumentException("corrupt model: more parameters than bytes");
    }
    return spec;
  }

  private static Parameters readParameters(DataInputStream in, NetworkSpec spec)
      throws IOException {
    int layerCount = spec.layers().size();
    int[] units = new int[layerCount + 1];
    for (int l = 0; l <= layerCount; l++) {
      units[l] = spec.units(l);
    }
    float[][] w = new float[layerCount][];
    float[][] b = new float[layerCount][];
    for (int l = 0; l < layerCount; l++) {
      w[l] = readFloats(in, units[l + 1] * units[l]);
      b[l] = readFloats(in, units[l + 1]);
    }
    return new Parameters(w, b, units);
  }

  /**
   * The count, then the values' raw bits big-endian: the bytes {@code writeInt(floatToRawIntBits)}
   * writes, converted a chunk at a time through a byte buffer's float view instead of one stream
   * call per value (measured: a 784-256-128-10 model's 235,146 values took milliseconds that way,
   * part of every job's end and every model load).
   */
  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer chunk = ByteBuffer.allocate(Math.min(values.length, CHUNK_FLOATS) * Float.BYTES);
    FloatBuffer view = chunk.asFloatBuffer();
    for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, values.length - from);
      view.clear();
      view.put(values, from, n);
      out.write(chunk.array(), 0, n * Float.BYTES);
    }
  }

  static float[] readFloats(DataInputStream in, int expected) throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IllegalArgumentException(
          "corrupt model: expected " + expected + " values, found " + n);
    }
    float[] values = new float[n];
    byte[] chunk = new byte[Math.min(n, CHUNK_FLOATS) * Float.BYTES];
    FloatBuffer view = ByteBuffer.wrap(chunk).asFloatBuffer();
    for (int from = 0; from < n; from += CHUNK_FLOATS) {
      int count = Math.min(CHUNK_FLOATS, n - from);
      in.readFully(chunk, 0, count * Float.BYTES);
      view.clear();
      view.get(values, from, count);
    }
    return values;
  }
}
