package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Streams one result item into an {@link ItemValue}, keeping only what a comparison can use. */
final class ResultItemReader {

  private static final Map<String, Field> NUMBERS =
      Map.of(
          "x", Field.X,
          "y", Field.Y,
          "width", Field.WIDTH,
          "height", Field.HEIGHT,
          "rotation", Field.ROTATION,
          "startOffset", Field.START_OFFSET,
          "endOffset", Field.END_OFFSET,
          "number", Field.NUMBER,
          "rating", Field.RATING);

  private final StringPool pool = new StringPool();

  /** Reads the object the parser stands at the start of, up to and including its end. */
  void read(JsonParser p, ItemValue item) {
    String name;
    while ((name = p.nextName()) != null) {
      p.nextToken();
      switch (name) {
        case "from_name" -> item.fromName = scalar(p);
        case "type" -> item.type = scalar(p);
        case "original_width" -> item.originalWidth = number(p, item, name);
        case "original_height" -> item.originalHeight = number(p, item, name);
        case "value" -> readValue(p, item);
        default -> p.skipChildren();
      }
    }
  }

  private void readValue(JsonParser p, ItemValue item) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw item.malformed("has a value that is not an object");
    }
    String name;
    while ((name = p.nextName()) != null) {
      p.nextToken();
      Field field = NUMBERS.get(name);
      if (field != null) {
        item.numbers[field.ordinal()] = number(p, item, name);
      } else {
        readOther(p, item, name);
      }
    }
  }

  private void readOther(JsonParser p, ItemValue item, String name) {
    switch (name) {
      case "choices" -> strings(p, item, name, item.choices);
      case "text" -> strings(p, item, name, item.text);
      case "start" -> endpoint(p, item, 0, Field.START);
      case "end" -> endpoint(p, item, 1, Field.END);
      case "globalOffsets" -> globalOffsets(p, item);
      case "points" -> points(p, item);
      case "taxonomy" -> taxonomy(p, item);
      case "datetime" -> item.datetime = scalar(p);
      default -> {
        if (name.endsWith("labels")) {
          strings(p, item, name, item.labels);
        } else {
          item.others.put(name, JsonCanonical.of(p));
        }
      }
    }
  }

  private void endpoint(JsonParser p, ItemValue item, int index, Field field) {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      String text = p.getString();
      item.endpoints[index] = text;
      item.numbers[field.ordinal()] = Numbers.parseOrNaN(text);
    } else {
      item.numbers[field.ordinal()] = number(p, item, field.json);
    }
  }

  private void globalOffsets(JsonParser p, ItemValue item) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextName()) != null) {
      p.nextToken();
      switch (name) {
        case "start" -> item.numbers[Field.GLOBAL_START.ordinal()] = number(p, item, name);
        case "end" -> item.numbers[Field.GLOBAL_END.ordinal()] = number(p, item, name);
        default -> p.skipChildren();
      }
    }
  }

  private void points(JsonParser p, ItemValue item) {
    requireArray(p, item, "points");
    while (p.nextToken() == JsonToken.START_ARRAY) {
      p.nextToken();
      double x = number(p, item, "points");
      p.nextToken();
      double y = number(p, item, "points");
      while (p.nextToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
      }
      item.addPoint(x, y);
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw item.malformed("has value.points that are not [x, y] pairs");
    }
  }

  private void taxonomy(JsonParser p, ItemValue item) {
    requireArray(p, item, "taxonomy");
    while (p.nextToken() != JsonToken.END_ARRAY) {
      List<String> path = new ArrayList<>(4);
      strings(p, item, "taxonomy", path);
      item.taxonomy.add(path);
    }
  }

  /** A string, or a single string standing for a list of one. */
  private void strings(JsonParser p, ItemValue item, String name, List<String> into) {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      into.add(requireScalar(p, item, name));
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NULL) {
        into.add(requireScalar(p, item, name));
      }
    }
  }

  private static double number(JsonParser p, ItemValue item, String name) {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (token == JsonToken.VALUE_NULL) {
      return Double.NaN;
    }
    double parsed =
        token == JsonToken.VALUE_STRING ? Numbers.parseOrNaN(p.getString()) : Double.NaN;
    if (Double.isNaN(parsed)) {
      throw item.malformed("has a value." + name + " that is not a number");
    }
    return parsed;
  }

  private String requireScalar(JsonParser p, ItemValue item, String name) {
    if (!p.currentToken().isScalarValue()) {
      throw item.malformed("has a value." + name + " that is not a list of strings");
    }
    return text(p, !name.equals("text"));
  }

  private static void requireArray(JsonParser p, ItemValue item, String name) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw item.malformed("has a value." + name + " that is not a list");
    }
  }

  private String scalar(JsonParser p) {
    if (p.currentToken().isScalarValue()) {
      return text(p, true);
    }
    p.skipChildren();
    return null;
  }

  /** Free text is not pooled: it rarely repeats and would only evict what does. */
  private String text(JsonParser p, boolean pooled) {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return p.getValueAsString();
    }
    return pooled ? pool.of(p) : p.getString();
  }
}
