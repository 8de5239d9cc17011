package dev.backprop.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes well-formed SVG: elements are closed in the order they were opened, and every attribute
 * value and text node is escaped, so nothing that comes from data (network names, statuses) can
 * break the document or smuggle markup into it.
 */
final class SvgWriter {

  static final String NAMESPACE = "http://www.w3.org/2000/svg";

  private final StringBuilder out = new StringBuilder(4096);
  private final Deque<String> open = new ArrayDeque<>();

  /** Starts a document of that size in user units, its {@code viewBox} the same. */
  SvgWriter(int width, int height) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    start(
        "svg",
        "xmlns",
        NAMESPACE,
        "width",
        width,
        "height",
        height,
        "viewBox",
        "0 0 " + width + " " + height,
        "role",
        "img");
  }

  /** Opens an element; {@code attributes} are name, value pairs (null values are left out). */
  SvgWriter start(String name, Object... attributes) {
    tag(name, attributes);
    out.append(">\n");
    open.push(name);
    return this;
  }

  /** An element with no content. */
  SvgWriter empty(String name, Object... attributes) {
    tag(name, attributes);
    out.append("/>\n");
    return this;
  }

  /** An element holding only text. */
  SvgWriter text(String name, String text, Object... attributes) {
    tag(name, attributes);
    out.append('>');
    escape(text, out);
    out.append("</").append(name).append(">\n");
    return this;
  }

  /** Closes the element opened last. */
  SvgWriter end() {
    if (open.isEmpty()) {
      throw new IllegalStateException("no element is open");
    }
    out.append("</").append(open.pop()).append(">\n");
    return this;
  }

  /** Closes every element still open and returns the document. */
  String finish() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString();
  }

  private void tag(String name, Object[] attributes) {
    requireName(name);
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      String attribute = requireName((String) attributes[i]);
      out.append(' ').append(attribute).append("=\"");
      if (value instanceof Double d) {
        out.append(number(d));
      } else {
        escape(value.toString(), out);
      }
      out.append('"');
    }
  }

  private static String requireName(String name) {
    if (!name.matches("[a-zA-Z][a-zA-Z0-9:-]*")) {
      throw new IllegalArgumentException("not an XML name: " + name);
    }
    return name;
  }

  /**
   * A coordinate or length with at most two decimals, no exponent and no {@code -0}; a value that
   * is not finite is a programming error (the chart never places one).
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite coordinate: " + value);
    }
    long hundredths = Math.round(value * 100);
    if (hundredths == 0) {
      return "0";
    }
    StringBuilder s = new StringBuilder();
    if (hundredths < 0) {
      s.append('-');
      hundredths = -hundredths;
    }
    s.append(hundredths / 100);
    long fraction = hundredths % 100;
    if (fraction != 0) {
      s.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        s.append(fraction % 10);
      }
    }
    return s.toString();
  }

  /** Text as XML character data, escaped; characters XML 1.0 cannot hold become U+FFFD. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    escape(text, s);
    return s.toString();
  }

  private static void escape(String text, StringBuilder out) {
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD);
              }
            });
  }

  /** XML 1.0's Char production; lone surrogates and most control characters are not in it. */
  private static boolean allowedInXml(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
