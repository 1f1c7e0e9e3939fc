package io.agreement.engine;

/** A keypoint in percent of the image. */
final class Keypoint extends Region {

  private final double x;
  private final double y;

  Keypoint(String label, double x, double y) {
    super(label);
    this.x = x;
    this.y = y;
  }

  /** SPEC 4.2: 1 / (1 + euclidean distance in percent units). */
  static double closeness(Keypoint a, Keypoint b) {
    double dx = a.x - b.x;
    double dy = a.y - b.y;
    return 1 / (1 + Math.sqrt(dx * dx + dy * dy));
  }
}
