package dev.backprop.dashboard;

import dev.backprop.training.EpochRecord;
import java.util.List;

/**
 * Draws a training job's curves as a standalone SVG: the loss and validation loss per epoch on the
 * left axis and, for classifiers, the accuracy and validation accuracy on a right axis from 0 to 1;
 * labelled axes with nice ticks, a legend and a title. Each curve is one {@code path} with one
 * point per epoch, or {@link Thinning thinned} past {@value Thinning#MAX_POINTS} epochs; epochs
 * whose value is NaN or infinite are gaps in the line and are counted in the subtitle. With no
 * epoch yet the axes are drawn empty with "no epochs yet".
 */
final class CurvesChart {

  /** Up to this many points a curve also gets a dot per point, so that a single epoch shows. */
  static final int MAX_MARKERS = 60;

  private CurvesChart() {}

  /**
   * What to draw.
   *
   * @param title the title, e.g. the network and job
   * @param subtitle a line under it, e.g. the status and progress
   * @param epochs the epochs the x axis spans at least (those asked for, while the job runs)
   * @param history the metrics of each epoch done, ascending
   */
  record Curves(String title, String subtitle, int epochs, List<EpochRecord> history) {}

  static String render(Curves curves) {
    List<Series> series = Series.of(curves.history());
    boolean classifier = series.stream().anyMatch(Series::accuracy);
    ChartLayout at = ChartLayout.standard(classifier);
    int lastEpoch = curves.history().isEmpty() ? 0 : last(curves.history()).epoch();
    NiceScale epochs =
        NiceScale.covering(0, Math.max(1, Math.max(curves.epochs(), lastEpoch)), 9, true);
    NiceScale loss = lossScale(series);
    NiceScale accuracy = classifier ? NiceScale.covering(0, 1, 6, false) : null;

    SvgWriter svg = new SvgWriter(at.width(), at.height());
    svg.text("title", curves.title());
    svg.text("desc", description(curves, series));
    svg.start("g", "font-family", "Helvetica, Arial, sans-serif");
    svg.empty("rect", "width", at.width(), "height", at.height(), "fill", "#ffffff");
    titles(svg, at, curves, series);
    ChartAxes.draw(svg, at, epochs, loss, accuracy);
    if (curves.history().isEmpty()) {
      svg.text(
          "text",
          "no epochs yet",
          "class",
          "empty",
          "x",
          at.centreX(),
          "y",
          at.centreY(),
          "text-anchor",
          "middle",
          "font-size",
          16,
          "fill",
          "#6b7280");
    }
    for (Series s : series) {
      CurvePath.draw(svg, at, s, epochs, s.accuracy() ? accuracy : loss);
    }
    ChartLegend.draw(svg, at, series);
    return svg.finish();
  }

  /** From 0 (or the lowest loss, if negative) to the highest finite loss of either curve. */
  private static NiceScale lossScale(List<Series> series) {
    double low = 0;
    double high = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      if (s.accuracy()) {
        continue;
      }
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    return NiceScale.covering(low, high == Double.NEGATIVE_INFINITY ? 1 : high, 6, false);
  }

  private static void titles(SvgWriter svg, ChartLayout at, Curves curves, List<Series> series) {
    svg.text(
        "text",
        curves.title(),
        "class",
        "title",
        "x",
        at.left(),
        "y",
        30,
        "font-size",
        18,
        "font-weight",
        "bold",
        "fill",
        "#111827");
    StringBuilder subtitle = new StringBuilder(curves.subtitle());
    int gaps = series.stream().mapToInt(Series::nonFinite).max().orElse(0);
    if (gaps > 0) {
      subtitle.append(" · ").append(gaps).append(gaps == 1 ? " epoch" : " epochs");
      subtitle.append(" not finite (gaps)");
    }
    if (curves.history().size() > Thinning.MAX_POINTS) {
      subtitle.append(" · thinned to the low and high of each of ");
      subtitle.append(Thinning.MAX_POINTS / 2).append(" spans");
    }
    svg.text(
        "text",
        subtitle.toString(),
        "class",
        "subtitle",
        "x",
        at.left(),
        "y",
        52,
        "font-size",
        13,
        "fill",
        "#4b5563");
  }

  /** A text alternative: what the last epoch reached. */
  private static String description(Curves curves, List<Series> series) {
    if (curves.history().isEmpty()) {
      return "No epochs yet.";
    }
    StringBuilder d = new StringBuilder("After epoch ");
    d.append(last(curves.history()).epoch()).append(':');
    for (Series s : series) {
      double last = s.values()[s.values().length - 1];
      d.append(' ').append(s.label()).append(' ').append(Double.isFinite(last) ? last : "n/a");
      d.append(';');
    }
    d.setLength(d.length() - 1);
    return d.append('.').toString();
  }

  private static EpochRecord last(List<EpochRecord> history) {
    return history.get(history.size() - 1);
  }
}
