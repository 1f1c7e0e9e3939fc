package io.agreement.api.settings;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PATCH agreement/settings/ ({@link MethodologyPatch} reads it). */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record MethodologyBody(
    @Schema(
            description =
                "consensus: the largest share of annotators agreeing with one of them; pairwise:"
                    + " the mean pair score",
            allowableValues = {"consensus", "pairwise"})
        String methodology) {}
