package io.agreement.engine;

/** One annotation's result, read once into the compact per-tag form its tags' metrics compare. */
public final class ParsedAnnotation {

  private final long annotationId;
  private final long userId;
  private final Object[] values;
  private final double[] alphaValues;
  private final int itemsSkipped;
  private final String firstSkipped;
  private final LabelValues labels;

  ParsedAnnotation(
      long annotationId,
      long userId,
      Object[] values,
      double[] alphaValues,
      int itemsSkipped,
      String firstSkipped) {
    this(annotationId, userId, values, alphaValues, itemsSkipped, firstSkipped, LabelValues.NONE);
  }

  ParsedAnnotation(
      long annotationId,
      long userId,
      Object[] values,
      double[] alphaValues,
      int itemsSkipped,
      String firstSkipped,
      LabelValues labels) {
    this.annotationId = annotationId;
    this.userId = userId;
    this.values = values;
    this.alphaValues = alphaValues;
    this.itemsSkipped = itemsSkipped;
    this.firstSkipped = firstSkipped;
    this.labels = labels;
  }

  /**
   * Result items left out because their value could not be read for their tag's metric (say a
   * Number item without a number); the annotation still counts, without those regions.
   */
  public int itemsSkipped() {
    return itemsSkipped;
  }

  /** Why the first skipped item was left out; null when none was. */
  public String firstSkipped() {
    return firstSkipped;
  }

  public long annotationId() {
    return annotationId;
  }

  public long userId() {
    return userId;
  }

  /** Whether the annotation has a region for the tag at this index of the scorer's tags. */
  public boolean hasRegions(int tagIndex) {
    return values[tagIndex] != null;
  }

  Object value(int tagIndex) {
    return values[tagIndex];
  }

  /** Its labels per tag with the regions carrying each (SPEC 8). */
  LabelValues labels() {
    return labels;
  }

  /** The tag's single value for Krippendorff's alpha; NaN when missing or not applicable. */
  double alphaValue(int tagIndex) {
    return alphaValues[tagIndex];
  }

  @Override
  public String toString() {
    return "ParsedAnnotation[annotationId=" + annotationId + ", userId=" + userId + "]";
  }
}
