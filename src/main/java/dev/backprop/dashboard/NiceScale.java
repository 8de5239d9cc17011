package dev.backprop.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis whose ends and ticks fall on "nice" numbers (1, 2 or 5 times a power of ten), after
 * Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990): the step is the nice number
 * nearest to an even split of the range, and the range is widened to the ticks just outside it.
 *
 * @param min the axis's low end, a tick
 * @param max the axis's high end, a tick
 * @param step the distance between ticks
 * @param ticks the tick values from {@code min} to {@code max}
 */
record NiceScale(double min, double max, double step, List<Double> ticks) {

  /**
   * A scale that covers {@code [low, high]} with about {@code targetTicks} ticks. An empty range is
   * widened around its value; with {@code integral}, ticks are whole numbers (epochs).
   */
  static NiceScale covering(double low, double high, int targetTicks, boolean integral) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high || targetTicks < 2) {
      throw new IllegalArgumentException("not a range: [" + low + ", " + high + "]");
    }
    if (low == high) {
      double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
      low -= pad;
      high += pad;
    }
    double step = nice(high / (targetTicks - 1) - low / (targetTicks - 1));
    if (integral) {
      step = Math.max(1, Math.round(step));
    }
    double min = clean(Math.floor(low / step) * step, step);
    double max = clean(Math.ceil(high / step) * step, step);
    if (!Double.isFinite(step) || !Double.isFinite(min) || !Double.isFinite(max)) {
      // Near the ends of the double range nice numbers overflow: plain quarters instead.
      return evenly(low, high, 4);
    }
    List<Double> ticks = new ArrayList<>();
    int count = (int) Math.round((max - min) / step);
    for (int i = 0; i <= count; i++) {
      ticks.add(clean(min + i * step, step));
    }
    return new NiceScale(min, max, step, List.copyOf(ticks));
  }

  /** The nice number nearest to {@code x}. */
  private static double nice(double x) {
    double power = Math.pow(10, Math.floor(Math.log10(x)));
    double fraction = x / power;
    return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
  }

  private static NiceScale evenly(double low, double high, int parts) {
    double step = high / parts - low / parts;
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i <= parts; i++) {
      ticks.add(i == parts ? high : low + i * step);
    }
    return new NiceScale(low, high, step, List.copyOf(ticks));
  }

  /** Removes the rounding noise of {@code min + i * step} (0.30000000000000004 becomes 0.3). */
  private static double clean(double value, double step) {
    double unit = Math.pow(10, Math.floor(Math.log10(step)) - 3);
    double units = value / unit;
    if (!Double.isFinite(units) || Math.abs(units) > 1e15) {
      return value;
    }
    return Math.round(units) * unit;
  }

  /** A tick's label with as many decimals as the step needs; exponents for huge or tiny ones. */
  String label(double value) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    if (magnitude >= 1e6 || step < 1e-4) {
      int digits = (int) (Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step)));
      return String.format(Locale.ROOT, "%." + Math.min(6, Math.max(0, digits)) + "e", value)
          .replace("e+0", "e")
          .replace("e+", "e")
          .replace("e-0", "e-");
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** Maps a value of this scale onto {@code [from, to]} (pixels; {@code to} may be below). */
  double map(double value, double from, double to) {
    // Halved first, so that a scale spanning most of the double range does not overflow.
    return from + (value / 2 - min / 2) / (max / 2 - min / 2) * (to - from);
  }
}
