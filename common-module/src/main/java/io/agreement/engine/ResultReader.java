package io.agreement.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads an annotation's {@code result} (a JSON array of result items) in one streaming pass and
 * hands each item to its tag's comparison (SPEC 4.1, 4.3a). Not thread-safe: it reuses buffers.
 */
final class ResultReader {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .recyclerPool(JsonRecyclerPools.threadLocalPool())
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private final Map<String, Integer> tagIndex = new HashMap<>();
  private final TagComparison[] comparisons;
  private final List<Set<String>> excluded;
  private final List<List<Object>> regions;
  private final AlphaCapture alpha;
  private final LabelCapture labels;
  private final SetCapture sets;
  private final ItemValue item = new ItemValue();
  private final ResultItemReader itemReader = new ResultItemReader();
  private int itemsSkipped;
  private String firstSkipped;

  ResultReader(
      List<ScoredTag> tags, TagComparison[] comparisons, AlphaCapture alpha, SetCapture sets) {
    for (int t = 0; t < tags.size(); t++) {
      tagIndex.put(tags.get(t).tag().name(), t);
    }
    this.comparisons = comparisons;
    this.excluded = tags.stream().map(tag -> tag.settings().excludedLabels()).toList();
    this.regions = tags.stream().map(tag -> (List<Object>) new ArrayList<>()).toList();
    this.alpha = alpha;
    this.labels = new LabelCapture(tags, comparisons);
    this.sets = sets;
  }

  ParsedAnnotation read(long annotationId, long userId, String json) {
    return read(
        annotationId,
        userId,
        json == null || json.isBlank()
            ? null
            : () -> JSON.createParser(ObjectReadContext.empty(), json));
  }

  /**
   * The same from the result's UTF-8 bytes, as PostgreSQL sends them: no string is decoded for the
   * parser (error columns count bytes).
   */
  ParsedAnnotation read(long annotationId, long userId, byte[] json) {
    return read(
        annotationId,
        userId,
        json == null || blank(json)
            ? null
            : () -> JSON.createParser(ObjectReadContext.empty(), json));
  }

  private static boolean blank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * @param json the parser of the result; null for an empty one
   */
  private ParsedAnnotation read(long annotationId, long userId, Supplier<JsonParser> json) {
    regions.forEach(List::clear);
    alpha.reset();
    labels.reset();
    sets.reset();
    itemsSkipped = 0;
    firstSkipped = null;
    if (json != null) {
      readResult(annotationId, json);
    }
    Object[] values = new Object[comparisons.length];
    for (int t = 0; t < values.length; t++) {
      values[t] = regions.get(t).isEmpty() ? null : comparisons[t].combine(regions.get(t));
    }
    return new ParsedAnnotation(
        annotationId,
        userId,
        values,
        alpha.values(),
        sets.values(),
        itemsSkipped,
        firstSkipped,
        labels.values());
  }

  private void readResult(long annotationId, Supplier<JsonParser> json) {
    try (JsonParser p = json.get()) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_STRING) {
        String inner = p.getString();
        readResult(annotationId, () -> JSON.createParser(ObjectReadContext.empty(), inner));
      } else if (token != JsonToken.VALUE_NULL) {
        readItems(p, annotationId, token);
      }
      if (p.nextToken() != null) {
        throw malformed(annotationId, "result has content after its end");
      }
    } catch (JacksonException e) {
      throw new MalformedResultException(
          "annotation %d: result is not valid JSON%s: %s"
              .formatted(annotationId, where(e.getLocation()), e.getOriginalMessage()),
          e);
    }
  }

  private void readItems(JsonParser p, long annotationId, JsonToken first) {
    if (first != JsonToken.START_ARRAY) {
      throw malformed(annotationId, "result is not a JSON array");
    }
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_OBJECT) {
        item.reset(annotationId);
        itemReader.read(p, item);
        accept();
      } else if (token != JsonToken.VALUE_NULL) {
        throw malformed(annotationId, "result has an item that is not an object");
      }
    }
  }

  private void accept() {
    Integer tag = item.fromName == null ? null : tagIndex.get(item.fromName);
    if (tag == null || "relation".equals(item.type) || !item.exclude(excluded.get(tag))) {
      return;
    }
    Object region;
    try {
      region = comparisons[tag].region(item);
    } catch (MalformedResultException e) {
      // One unreadable item costs its own region, not the annotation's other tags.
      itemsSkipped++;
      if (firstSkipped == null) {
        firstSkipped = e.getMessage();
      }
      return;
    }
    if (region != null) {
      regions.get(tag).add(region);
      labels.capture(tag, item, region);
    }
    alpha.capture(tag, item);
    sets.capture(tag, item);
  }

  private static MalformedResultException malformed(long annotationId, String problem) {
    return new MalformedResultException("annotation " + annotationId + ": " + problem);
  }

  private static String where(TokenStreamLocation location) {
    return location == null
        ? ""
        : " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
  }
}
