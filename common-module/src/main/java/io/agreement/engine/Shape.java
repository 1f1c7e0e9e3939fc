package io.agreement.engine;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * A rectangle or polygon in percent of the image. Unrotated rectangles, the common case, are
 * intersected arithmetically; everything else through JTS, with the geometry built once.
 */
final class Shape extends Region {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final double[] identity;
  private final double area;
  private final Envelope envelope;
  private final boolean axisAligned;
  private Geometry geometry;

  private Shape(
      String label, double[] identity, Geometry geometry, Envelope envelope, double area) {
    super(label);
    this.identity = identity;
    this.geometry = geometry;
    this.envelope = envelope;
    this.axisAligned = geometry == null;
    this.area = area;
  }

  /**
   * Label Studio rotates a box about its top-left corner in pixels; {@code aspect} (image width /
   * height) maps that rotation back to percent, where the IoU is the same since it survives any
   * affine map.
   */
  static Shape rectangle(String label, double[] xywhr, double aspect) {
    double x = xywhr[0];
    double y = xywhr[1];
    double w = xywhr[2];
    double h = xywhr[3];
    if (xywhr[4] % 360 == 0) {
      Envelope box = new Envelope(x, x + w, y, y + h);
      return new Shape(label, xywhr, null, box, box.getArea());
    }
    double cos = Math.cos(Math.toRadians(xywhr[4]));
    double sin = Math.sin(Math.toRadians(xywhr[4]));
    double[] corners = {
      x,
      y,
      x + w * cos,
      y + w * sin * aspect,
      x + w * cos - h * sin / aspect,
      y + w * sin * aspect + h * cos,
      x - h * sin / aspect,
      y + h * cos
    };
    return polygonShape(label, xywhr, corners, corners.length);
  }

  static Shape polygon(String label, double[] points, int count) {
    double[] identity = Arrays.copyOf(points, count);
    return polygonShape(label, identity, identity, count);
  }

  private static Shape polygonShape(String label, double[] identity, double[] xy, int count) {
    if (count < 6) {
      return new Shape(label, identity, null, envelopeOf(xy, count), 0);
    }
    Coordinate[] ring = new Coordinate[count / 2 + 1];
    for (int i = 0; i < count / 2; i++) {
      ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
    }
    ring[count / 2] = ring[0].copy();
    Geometry polygon = GEOMETRY.createPolygon(ring);
    Geometry valid = polygon.isValid() ? polygon : GeometryFixer.fix(polygon);
    return new Shape(label, identity, valid, valid.getEnvelopeInternal(), valid.getArea());
  }

  private static Envelope envelopeOf(double[] xy, int count) {
    Envelope envelope = new Envelope();
    for (int i = 0; i + 1 < count; i += 2) {
      envelope.expandToInclude(xy[i], xy[i + 1]);
    }
    return envelope;
  }

  /** A shape without area matches only an identical one (SPEC 4.3a). */
  static double iou(Shape a, Shape b) {
    if (a.area == 0 || b.area == 0) {
      return Arrays.equals(a.identity, b.identity) ? 1 : 0;
    }
    if (!a.envelope.intersects(b.envelope)) {
      return 0;
    }
    double intersection =
        a.axisAligned && b.axisAligned ? boxIntersection(a.envelope, b.envelope) : overlay(a, b);
    return Math.max(0, Math.min(1, intersection / (a.area + b.area - intersection)));
  }

  private static double boxIntersection(Envelope a, Envelope b) {
    double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
    double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
    return w > 0 && h > 0 ? w * h : 0;
  }

  /** JTS is not bit-for-bit symmetric, so the pair is put in a fixed order first. */
  private static double overlay(Shape a, Shape b) {
    boolean swap = Arrays.compare(a.identity, b.identity) > 0;
    Geometry first = (swap ? b : a).geometry();
    Geometry second = (swap ? a : b).geometry();
    return OverlayNGRobust.overlay(first, second, OverlayNG.INTERSECTION).getArea();
  }

  private Geometry geometry() {
    if (geometry == null) {
      geometry = GEOMETRY.toGeometry(envelope);
    }
    return geometry;
  }
}
