package io.agreement.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Label Studio itself runs, for links into it.
 *
 * @param url Label Studio's base URL ({@code LABEL_STUDIO_URL}); task entries carry no {@code
 *     task_url} when blank
 */
@ConfigurationProperties("agreement.label-studio")
public record LabelStudioProperties(@DefaultValue("") String url) {}
