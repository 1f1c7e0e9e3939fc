package io.agreement.engine;

/**
 * A 1-D span. Plain spans (text character offsets, HyperText global offsets, time series positions)
 * are intervals on one axis. Spans anchored in nodes (HyperText xpaths without global offsets,
 * paragraphs) only have offsets within their nodes, and the result does not say how long a node is:
 * two spans inside the same single node compare by their offsets; otherwise paragraph spans compare
 * by the range of paragraphs they cover, and xpath spans by equal endpoints.
 */
final class Span extends Region {

  enum Kind {
    PLAIN,
    XPATH,
    PARAGRAPH
  }

  private static final String[] NO_NODES = {"", ""};
  private static final double[] NO_PARAGRAPHS = {0, 0};

  private final Kind kind;
  private final String startNode;
  private final String endNode;
  private final double start;
  private final double end;
  private final double firstParagraph;
  private final double lastParagraph;

  private Span(String label, Kind kind, String[] nodes, double[] paragraphs, double s, double e) {
    super(label);
    this.kind = kind;
    this.startNode = nodes[0];
    this.endNode = nodes[1];
    this.firstParagraph = paragraphs[0];
    this.lastParagraph = paragraphs[1];
    this.start = s;
    this.end = e;
  }

  static Span plain(String label, double start, double end) {
    return new Span(
        label, Kind.PLAIN, NO_NODES, NO_PARAGRAPHS, Math.min(start, end), Math.max(start, end));
  }

  static Span xpath(String label, String startNode, String endNode, double start, double end) {
    return new Span(
        label, Kind.XPATH, new String[] {startNode, endNode}, NO_PARAGRAPHS, start, end);
  }

  static Span paragraph(String label, double first, double last, double start, double end) {
    String[] nodes = {Double.toString(first), Double.toString(last)};
    return new Span(label, Kind.PARAGRAPH, nodes, new double[] {first, last}, start, end);
  }

  static double overlap(Span a, Span b) {
    if (a.kind != b.kind) {
      return 0;
    }
    if (a.kind == Kind.PLAIN || a.inSameSingleNode(b)) {
      return intervalIou(a.start, a.end, b.start, b.end);
    }
    if (a.kind == Kind.PARAGRAPH) {
      return intervalIou(
          a.firstParagraph, a.lastParagraph + 1, b.firstParagraph, b.lastParagraph + 1);
    }
    return a.sameEndpoints(b) ? 1 : 0;
  }

  /** A zero-length interval matches only an identical one (SPEC 4.3a). */
  static double intervalIou(double s1, double e1, double s2, double e2) {
    double length1 = e1 - s1;
    double length2 = e2 - s2;
    if (length1 <= 0 || length2 <= 0) {
      return s1 == s2 && e1 == e2 ? 1 : 0;
    }
    double intersection = Math.min(e1, e2) - Math.max(s1, s2);
    return intersection <= 0 ? 0 : intersection / (length1 + length2 - intersection);
  }

  private boolean inSameSingleNode(Span other) {
    return startNode.equals(endNode)
        && other.startNode.equals(other.endNode)
        && startNode.equals(other.startNode);
  }

  private boolean sameEndpoints(Span other) {
    return startNode.equals(other.startNode)
        && endNode.equals(other.endNode)
        && start == other.start
        && end == other.end;
  }
}
