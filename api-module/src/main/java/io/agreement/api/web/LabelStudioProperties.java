package io.agreement.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Label Studio the service runs next to.
 *
 * @param url Label Studio's base URL ({@code LABEL_STUDIO_URL}), for links into it; task entries
 *     carry no {@code task_url} when blank
 * @param secretKey Label Studio's Django SECRET_KEY ({@code LABEL_STUDIO_SECRET_KEY}), which signs
 *     its personal access tokens; never logged, and hidden in {@link #toString()}
 * @param secretKeyFile a file holding the secret instead ({@code LABEL_STUDIO_SECRET_KEY_FILE})
 */
@ConfigurationProperties("agreement.label-studio")
public record LabelStudioProperties(
    @DefaultValue("") String url,
    @DefaultValue("") String secretKey,
    @DefaultValue("") String secretKeyFile) {

  @Override
  public String toString() {
    return "LabelStudioProperties[url="
        + url
        + ", secretKey="
        + (secretKey.isEmpty() ? "" : "(hidden)")
        + ", secretKeyFile="
        + secretKeyFile
        + "]";
  }
}
