package dev.backprop.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary checkpoint format (big-endian), like {@link ModelCodec}'s: magic "BPCK", format version,
 * the epoch, the parameters (layer count, units, then per layer weights and biases), the
 * optimiser's step count and state arrays, early stopping's state, the history (per epoch its
 * number, the loss, and the three optional metrics each as a presence flag and a value), the
 * standardisation, and a CRC-32 of everything before it. Every float and double is written bit for
 * bit, so a round trip is exact: a run resumed from a decoded checkpoint computes what the
 * uninterrupted run computes.
 */
public final class CheckpointCodec {
  static final int MAGIC = 0x4250434B; // "BPCK"
  public static final int FORMAT_VERSION = 1;

  private CheckpointCodec() {}

  public static byte[] encode(Checkpoint c) {
    try {
      ModelCodec.SizedBytes bytes = new ModelCodec.SizedBytes(encodedSize(c));
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(c.epoch);
      writeParameters(out, c.parameters);
      out.writeLong(c.optimizerSteps);
      out.writeInt(c.optimizerState.length);
      for (float[] state : c.optimizerState) {
        ModelCodec.writeFloats(out, state);
      }
      out.writeDouble(c.bestLoss);
      out.writeInt(c.bestEpoch);
      out.writeInt(c.withoutImprovement);
      out.writeBoolean(c.bestParameters != null);
      if (c.bestParameters != null) {
        writeParameters(out, c.bestParameters);
      }
      out.writeInt(c.history.size());
      for (EpochMetrics m : c.history) {
        writeMetrics(out, m);
      }
      out.writeBoolean(c.standardization != null);
      if (c.standardization != null) {
        ModelCodec.writeFloats(out, c.standardization.mean());
        ModelCodec.writeFloats(out, c.standardization.std());
      }
      return ModelCodec.sealed(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes {@link #encode} writes for this checkpoint, exactly, so that its stream is made once
   * at that size rather than doubled some twenty times on the way (a checkpoint holds the
   * parameters two to four times over: the optimiser's state, early stopping's best), and its array
   * is the answer, not copied.
   */
  static int encodedSize(Checkpoint c) {
    long bytes = 3 * Integer.BYTES + parametersSize(c.parameters); // magic, version, epoch
    bytes += Long.BYTES + Integer.BYTES; // optimiser steps, state arrays
    for (float[] state : c.optimizerState) {
      bytes += floatsSize(state.length);
    }
    bytes +=
        Double.BYTES + 2 * Integer.BYTES + 1; // best loss, its epoch, without improvement, flag
    if (c.bestParameters != null) {
      bytes += parametersSize(c.bestParameters);
    }
    bytes += Integer.BYTES + (long) c.history.size() * METRICS_BYTES;
    bytes += 1; // standardisation flag
    if (c.standardization != null) {
      bytes +=
          floatsSize(c.standardization.mean().length) + floatsSize(c.standardization.std().length);
    }
    bytes += Integer.BYTES; // CRC-32
    return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
  }

  /** An epoch's metrics as {@code writeMetrics} writes them: epoch, loss, three optional values. */
  private static final int METRICS_BYTES = Integer.BYTES + Double.BYTES + 3 * (1 + Double.BYTES);

  private static long parametersSize(Parameters p) {
    long bytes = Integer.BYTES * (1L + p.unitsArray().length);
    for (int l = 0; l < p.layerCount(); l++) {
      bytes += floatsSize(p.w(l).length) + floatsSize(p.b(l).length);
    }
    return bytes;
  }

  /** An array as {@link ModelCodec#writeFloats} writes it: its length, then its floats. */
  private static long floatsSize(int length) {
    return Integer.BYTES + (long) Float.BYTES * length;
  }

  public static Checkpoint decode(byte[] bytes) {
    if (bytes == null || bytes.length < 12) {
      throw new IllegalArgumentException("not a checkpoint: too short");
    }
    if (!ModelCodec.checksumMatches(bytes)) {
      throw new IllegalArgumentException("corrupt checkpoint: checksum mismatch");
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
        throw new IllegalArgumentException("not a checkpoint of format " + FORMAT_VERSION);
      }
      int epoch = in.readInt();
      Parameters parameters = readParameters(in);
      long steps = in.readLong();
      float[][] state = new float[count(in, bytes)][];
      for (int i = 0; i < state.length; i++) {
        state[i] = readFloats(in, bytes);
      }
      double bestLoss = in.readDouble();
      int bestEpoch = in.readInt();
      int withoutImprovement = in.readInt();
      Parameters bestParameters = in.readBoolean() ? readParameters(in) : null;
      int epochs = count(in, bytes);
      List<EpochMetrics> history = new ArrayList<>(epochs);
      for (int i = 0; i < epochs; i++) {
        history.add(readMetrics(in));
      }
      Standardization st =
          in.readBoolean()
              ? new Standardization(readFloats(in, bytes), readFloats(in, bytes))
              : null;
      return new Checkpoint(
          epoch,
          parameters,
          steps,
          state,
          bestLoss,
          bestEpoch,
          bestParameters,
          withoutImprovement,
          history,
          st);
    } catch (EOFException e) {
      throw new IllegalArgumentException("corrupt checkpoint: truncated", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt checkpoint: " + e.getMessage(), e);
    }
  }

  private static void writeParameters(DataOutputStream out, Parameters p) throws IOException {
    int[] units = p.unitsArray();
    out.writeInt(units.length);
    for (int u : units) {
      out.writeInt(u);
    }
    for (int l = 0; l < p.layerCount(); l++) {
      ModelCodec.writeFloats(out, p.w(l));
      ModelCodec.writeFloats(out, p.b(l));
    }
  }

  private static Parameters readParameters(DataInputStream in) throws IOException {
    int[] units = new int[in.readInt()];
    if (units.length < 2) {
      throw new IllegalArgumentException("corrupt checkpoint: no layer");
    }
    for (int l = 0; l < units.length; l++) {
      units[l] = in.readInt();
    }
    int layers = units.length - 1;
    float[][] w = new float[layers][];
    float[][] b = new float[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = ModelCodec.readFloats(in, Math.multiplyExact(units[l + 1], units[l]));
      b[l] = ModelCodec.readFloats(in, units[l + 1]);
    }
    return new Parameters(w, b, units);
  }

  private static void writeMetrics(DataOutputStream out, EpochMetrics m) throws IOException {
    out.writeInt(m.epoch());
    out.writeDouble(m.loss());
    for (Double value : new Double[] {m.validationLoss(), m.accuracy(), m.validationAccuracy()}) {
      out.writeBoolean(value != null);
      out.writeDouble(value == null ? 0 : value);
    }
  }

  private static EpochMetrics readMetrics(DataInputStream in) throws IOException {
    int epoch = in.readInt();
    double loss = in.readDouble();
    Double[] values = new Double[3];
    for (int i = 0; i < 3; i++) {
      boolean present = in.readBoolean();
      double value = in.readDouble();
      values[i] = present ? value : null;
    }
    return new EpochMetrics(epoch, loss, values[0], values[1], values[2]);
  }

  /** A count, no larger than the bytes could hold. */
  private static int count(DataInputStream in, byte[] bytes) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > bytes.length) {
      throw new IllegalArgumentException("corrupt checkpoint: bad count " + n);
    }
    return n;
  }

  private static float[] readFloats(DataInputStream in, byte[] bytes) throws IOException {
    in.mark(4);
    int n = count(in, bytes);
    in.reset();
    return ModelCodec.readFloats(in, n);
  }
}
