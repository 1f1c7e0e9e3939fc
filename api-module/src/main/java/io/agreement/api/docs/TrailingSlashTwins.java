package io.agreement.api.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * One entry per endpoint: the API answers a path with and without its final slash, as Label Studio
 * does, and the description keeps only the slashed one that Label Studio documents.
 */
final class TrailingSlashTwins implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    Paths paths = openApi.getPaths();
    if (paths == null) {
      return;
    }
    List<String> twins =
        paths.keySet().stream()
            .filter(path -> !path.endsWith("/") && paths.containsKey(path + "/"))
            .toList();
    twins.forEach(paths::remove);
  }
}
