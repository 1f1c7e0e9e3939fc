package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;

/** {@code iou} of rectangles (rotated ones as polygons) or polygons (SPEC 4.2). */
final class IntersectionOverUnion extends RegionMatching<Shape> {

  private final boolean polygons;

  IntersectionOverUnion(boolean polygons) {
    super(Shape[]::new);
    this.polygons = polygons;
  }

  @Override
  double similarity(Shape a, Shape b) {
    return Shape.iou(a, b);
  }

  @Override
  public Object region(ItemValue item) {
    if (polygons) {
      return Shape.polygon(item.labelKey(), item.points, item.pointCount);
    }
    double[] xywhr = {
      item.require(Field.X),
      item.require(Field.Y),
      item.require(Field.WIDTH),
      item.require(Field.HEIGHT),
      item.has(Field.ROTATION) ? item.get(Field.ROTATION) : 0
    };
    return Shape.rectangle(item.labelKey(), xywhr, aspect(item));
  }

  /** Without the image's size the image is taken as square. */
  private static double aspect(ItemValue item) {
    double aspect = item.originalWidth / item.originalHeight;
    return Double.isFinite(aspect) && aspect > 0 ? aspect : 1;
  }
}
