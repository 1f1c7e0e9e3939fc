package io.agreement.api.webhooks;

import java.io.InputStream;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Label Studio webhook body as a stream, keeping only the action and the ids it names:
 * annotation results, task data and the project's config are skipped unread, so a bulk body of
 * 5,000 annotations costs the ids' memory, not the body's. {@code annotation} may be an object or a
 * list, and so may {@code task}; {@code annotations} and {@code tasks} are lists.
 */
final class WebhookParser {

  /** Label Studio splits bulk events into posts of at most 5,000 items; far more is not its own. */
  static final int MAX_IDS = 100_000;

  /** A body that is not one JSON value. */
  static final class NotJson extends RuntimeException {
    NotJson(String detail) {
      super(detail);
    }
  }

  private final JsonMapper json;

  WebhookParser(JsonMapper json) {
    this.json = json;
  }

  WebhookEvent parse(InputStream body) {
    try (JsonParser p = json.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new NotJson("The body is empty; Label Studio sends a JSON object");
      }
      Reading reading = new Reading();
      if (first == JsonToken.START_OBJECT) {
        reading.top(p);
      } else {
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new NotJson("The body has more after its JSON value");
      }
      return reading.event();
    } catch (JacksonException e) {
      throw new NotJson("The body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** One body's state while it is read. */
  private static final class Reading {
    private String action;
    private long project = -1;
    private long fallbackProject = -1;
    private final Ids tasks = new Ids();
    private final Ids annotations = new Ids();
    private boolean payload;

    void top(JsonParser p) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "action" -> action = value == JsonToken.VALUE_STRING ? p.getString() : null;
          case "project" -> project = value == JsonToken.START_OBJECT ? idOf(p) : id(p);
          case "annotation", "annotations" -> each(p, true);
          case "task", "tasks" -> each(p, false);
          default -> p.skipChildren();
        }
        payload |= !name.equals("action");
      }
    }

    /** An object, or a list of objects (or bare ids), of annotations or tasks. */
    private void each(JsonParser p, boolean annotation) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        item(p, annotation);
        return;
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        item(p, annotation);
      }
    }

    private void item(JsonParser p, boolean annotation) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        (annotation ? annotations : tasks).add(id(p));
        return;
      }
      long id = -1;
      long task = -1;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "id" -> id = id(p);
          case "task" -> task = value == JsonToken.START_OBJECT ? idOf(p) : id(p);
          case "project" -> {
            long named = value == JsonToken.START_OBJECT ? idOf(p) : id(p);
            fallbackProject = fallbackProject > 0 ? fallbackProject : named;
          }
          default -> p.skipChildren();
        }
      }
      if (!annotation) {
        tasks.add(id);
      } else if (task > 0) {
        tasks.add(task);
      } else {
        annotations.add(id);
      }
    }

    /** The {@code id} of the object the parser is at, reading it to its end. */
    private static long idOf(JsonParser p) {
      long id = -1;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("id")) {
          id = id(p);
        } else {
          p.skipChildren();
        }
      }
      return id;
    }

    /**
     * A Label Studio id at the current token; -1 for anything else (text, fractions, nulls, or an
     * object or list, which is skipped).
     */
    private static long id(JsonParser p) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        p.skipChildren();
        return -1;
      }
      long id = p.getLongValue();
      return id > 0 && id <= Integer.MAX_VALUE ? id : -1;
    }

    WebhookEvent event() {
      long named = project > 0 ? project : fallbackProject;
      return new WebhookEvent(
          action,
          named > 0 ? named : null,
          tasks.toArray(),
          annotations.toArray(),
          action != null && !payload,
          tasks.truncated || annotations.truncated);
    }
  }

  /** Valid ids in arrival order, at most {@link #MAX_IDS}. */
  private static final class Ids {
    private long[] ids = new long[16];
    private int size;
    private boolean truncated;

    void add(long id) {
      if (id <= 0) {
        return;
      }
      if (size == MAX_IDS) {
        truncated = true;
        return;
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, Math.min(MAX_IDS, size * 2));
      }
      ids[size++] = id;
    }

    long[] toArray() {
      return Arrays.copyOf(ids, size);
    }
  }
}
