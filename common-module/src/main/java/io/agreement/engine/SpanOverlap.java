package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;

/** {@code span_overlap}: 1-D IoU of spans with the same label (SPEC 4.2). */
final class SpanOverlap extends RegionMatching<Span> {

  private final String kind;

  /**
   * A plain {@code Labels} tag takes its spans' kind from the object it labels (HyperText,
   * Paragraphs, TimeSeries or Text), or from the value's shape when the config does not say.
   */
  SpanOverlap(String tagType, String objectType) {
    super(Span[]::new);
    this.kind =
        !"Labels".equals(tagType) || objectType == null
            ? tagType
            : switch (objectType) {
              case "HyperText" -> "HyperTextLabels";
              case "Paragraphs" -> "ParagraphLabels";
              case "TimeSeries" -> "TimeSeriesLabels";
              case "Text" -> "TextLabels";
              default -> tagType;
            };
  }

  @Override
  double similarity(Span a, Span b) {
    return Span.overlap(a, b);
  }

  @Override
  public Object region(ItemValue item) {
    return switch (kind) {
      case "HyperTextLabels" -> hyperText(item);
      case "ParagraphLabels" -> paragraph(item);
      case "TimeSeriesLabels" -> timeSeries(item);
      case "TextLabels" ->
          Span.plain(item.labelKey(), item.require(Field.START), item.require(Field.END));
      default -> byShape(item);
    };
  }

  /**
   * A generic {@code Labels} tag on an object the config does not name: the value's fields say
   * which kind of span it is. Global offsets or an xpath with offsets are HyperText; numeric start
   * and end with offsets are paragraphs; numeric start and end alone are character offsets;
   * anything else (date-times) is read as a time series.
   */
  private static Span byShape(ItemValue item) {
    boolean offsets = item.has(Field.START_OFFSET) && item.has(Field.END_OFFSET);
    boolean numericEnds = item.has(Field.START) && item.has(Field.END);
    if ((item.has(Field.GLOBAL_START) && item.has(Field.GLOBAL_END)) || (offsets && !numericEnds)) {
      return hyperText(item);
    }
    if (offsets) {
      return paragraph(item);
    }
    if (numericEnds) {
      return Span.plain(item.labelKey(), item.get(Field.START), item.get(Field.END));
    }
    return timeSeries(item);
  }

  /** Global offsets place every span on one axis; older results only have xpaths. */
  private static Span hyperText(ItemValue item) {
    String label = item.labelKey();
    if (item.has(Field.GLOBAL_START) && item.has(Field.GLOBAL_END)) {
      return Span.plain(label, item.get(Field.GLOBAL_START), item.get(Field.GLOBAL_END));
    }
    if (item.endpoints[0] != null && item.endpoints[1] != null) {
      return Span.xpath(
          label,
          item.endpoints[0],
          item.endpoints[1],
          item.require(Field.START_OFFSET),
          item.require(Field.END_OFFSET));
    }
    return Span.plain(label, item.require(Field.START), item.require(Field.END));
  }

  private static Span paragraph(ItemValue item) {
    double first = item.require(Field.START);
    double last = item.require(Field.END);
    if (!item.has(Field.START_OFFSET) || !item.has(Field.END_OFFSET)) {
      return Span.paragraph(item.labelKey(), first, last, 0, 0);
    }
    return Span.paragraph(
        item.labelKey(), first, last, item.get(Field.START_OFFSET), item.get(Field.END_OFFSET));
  }

  private static Span timeSeries(ItemValue item) {
    double start = time(item, 0, Field.START);
    double end = time(item, 1, Field.END);
    if (!Double.isNaN(start) && !Double.isNaN(end)) {
      return Span.plain(item.labelKey(), start, end);
    }
    if (item.endpoints[0] == null || item.endpoints[1] == null) {
      throw item.malformed("has no value.start and value.end");
    }
    return Span.xpath(item.labelKey(), item.endpoints[0], item.endpoints[1], 0, 1);
  }

  private static double time(ItemValue item, int index, Field field) {
    if (item.has(field)) {
      return item.get(field);
    }
    return item.endpoints[index] == null
        ? Double.NaN
        : Timestamps.epochMillis(item.endpoints[index]);
  }
}
