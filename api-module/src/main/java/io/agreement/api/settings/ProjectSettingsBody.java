package io.agreement.api.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The body of PATCH agreement/settings/ ({@link ProjectSettingsPatch} reads it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE, minProperties = 1)
record ProjectSettingsBody(
    @Schema(
            description =
                "consensus: the largest share of annotators agreeing with one of them; pairwise:"
                    + " the mean pair score",
            allowableValues = {"consensus", "pairwise"})
        @Nullable String methodology,
    @Schema(
            description =
                "Tasks whose overall score is below it count as low agreement in the"
                    + " distribution (SPEC 8)",
            minimum = "0",
            maximum = "1",
            example = "0.5")
        @Nullable Double agreementThreshold) {}
