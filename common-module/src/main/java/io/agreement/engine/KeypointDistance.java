package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;

/** {@code keypoint_distance} between keypoints with the same label (SPEC 4.2). */
final class KeypointDistance extends RegionMatching<Keypoint> {

  KeypointDistance() {
    super(Keypoint[]::new);
  }

  @Override
  double similarity(Keypoint a, Keypoint b) {
    return Keypoint.closeness(a, b);
  }

  @Override
  public Object region(ItemValue item) {
    return new Keypoint(item.labelKey(), item.require(Field.X), item.require(Field.Y));
  }
}
