package dev.backprop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG document read back by the JDK's XML parser, which refuses anything not well-formed. */
record ParsedSvg(Document document) {

  static final String NS = "http://www.w3.org/2000/svg";

  static ParsedSvg parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document document =
          builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      Element root = document.getDocumentElement();
      assertThat(root.getLocalName()).isEqualTo("svg");
      assertThat(root.getNamespaceURI()).isEqualTo(NS);
      return new ParsedSvg(document);
    } catch (Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage(), e);
    }
  }

  List<Element> elements(String name) {
    NodeList nodes = document.getElementsByTagNameNS(NS, name);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  /** The texts of every {@code text} element, in document order. */
  List<String> texts() {
    return elements("text").stream().map(Element::getTextContent).toList();
  }

  String title() {
    return elements("title").get(0).getTextContent();
  }

  /** Each curve's path data by its series name; a curve with nothing to draw has no path. */
  Map<String, String> curves() {
    Map<String, String> curves = new LinkedHashMap<>();
    for (Element g : elements("g")) {
      if ("curve".equals(g.getAttribute("class"))) {
        NodeList paths = g.getElementsByTagNameNS(NS, "path");
        curves.put(
            g.getAttribute("data-series"),
            paths.getLength() == 0 ? "" : ((Element) paths.item(0)).getAttribute("d"));
      }
    }
    return curves;
  }

  /** The points of path data: one per M or L command. */
  static List<double[]> points(String d) {
    List<double[]> points = new ArrayList<>();
    for (String command : d.split("(?=[ML])")) {
      if (command.isEmpty()) {
        continue;
      }
      String[] xy = command.substring(1).trim().split(" ");
      assertThat(xy).as(command).hasSize(2);
      points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
    }
    return points;
  }

  /** How many separate lines the path draws (a gap starts a new one). */
  static long lines(String d) {
    return d.chars().filter(c -> c == 'M').count();
  }
}
