package io.agreement.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random Label Studio results for {@link LabelStudioActivity#CONFIG}: every tag, some left out. */
public final class RandomResults {

  private static final String[] SENTIMENTS = {"pos", "neg", "neu", "other"};
  private static final String[] TOPICS = {"a", "b", "c"};
  private static final String[] ENTITIES = {"PER", "ORG"};

  private RandomResults() {}

  public static String result(Random random) {
    List<String> items = new ArrayList<>();
    if (random.nextInt(5) > 0) {
      items.add(
          item("sentiment", "choices", "{\"choices\":[\"" + pick(random, SENTIMENTS) + "\"]}"));
    }
    if (random.nextInt(4) > 0) {
      List<String> chosen = new ArrayList<>();
      for (String t : TOPICS) {
        if (random.nextBoolean()) {
          chosen.add("\"" + t + "\"");
        }
      }
      items.add(item("topics", "choices", "{\"choices\":[" + String.join(",", chosen) + "]}"));
    }
    if (random.nextInt(4) > 0) {
      items.add(item("stars", "rating", "{\"rating\":" + (1 + random.nextInt(5)) + "}"));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      int start = random.nextInt(20);
      items.add(
          item(
              "ner",
              "labels",
              "{\"start\":%d,\"end\":%d,\"text\":\"x\",\"labels\":[\"%s\"]}"
                  .formatted(start, start + 1 + random.nextInt(6), pick(random, ENTITIES))));
    }
    return "[" + String.join(",", items) + "]";
  }

  private static String item(String fromName, String type, String value) {
    return "{\"value\":%s,\"from_name\":\"%s\",\"to_name\":\"t\",\"type\":\"%s\"}"
        .formatted(value, fromName, type);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
