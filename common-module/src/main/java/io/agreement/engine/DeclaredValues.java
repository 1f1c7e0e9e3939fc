package io.agreement.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The values a label config declares for a control tag, in config order: its choices or labels, and
 * for a Rating 1 to its {@code maxRating} (5 by default), as SPEC 8's confusion matrix and
 * dimensions list them.
 */
public final class DeclaredValues {

  private static final int DEFAULT_MAX_RATING = 5;
  private static final int MAX_RATING_LISTED = 100;

  private DeclaredValues() {}

  /**
   * @throws InvalidLabelConfigException if the config cannot be read
   */
  public static List<String> of(String labelConfig, ControlTag tag) {
    if (!"Rating".equals(tag.type())) {
      return tag.values();
    }
    LabelConfig.parse(labelConfig);
    int max = maxRating(labelConfig, tag.name()).orElse(DEFAULT_MAX_RATING);
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= Math.min(max, MAX_RATING_LISTED); i++) {
      values.add(Integer.toString(i));
    }
    return values;
  }

  private static Optional<Integer> maxRating(String labelConfig, String name) {
    NodeList ratings = SecureXml.parse(labelConfig).getElementsByTagName("Rating");
    for (int i = 0; i < ratings.getLength(); i++) {
      Element rating = (Element) ratings.item(i);
      if (name.equals(rating.getAttribute("name"))) {
        try {
          return Optional.of(Integer.parseInt(rating.getAttribute("maxRating").trim()));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
