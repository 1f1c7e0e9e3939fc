package io.agreement.api.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of PATCH dimensions/{id or control_tag}/ as a client sends it ({@link TagPatch} reads
 * it): only the fields sent change, and a field sent as null goes back to its default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE, minProperties = 1)
record TagPatchBody(
    @Schema(
            description = "A metric the tag allows (GET dimensions/ lists them)",
            allowableValues = {
              "exact_match",
              "jaccard",
              "numeric_difference",
              "iou",
              "span_overlap",
              "keypoint_distance",
              "text_similarity"
            })
        @Nullable String metric,
    @Schema(
            description = "Pair score from which a pair agrees under consensus",
            minimum = "0",
            maximum = "1",
            example = "0.8")
        @Nullable Double threshold,
    @Schema(
            description = "The tag's weight in the overall score",
            minimum = "0",
            maximum = "1000000",
            example = "1")
        @Nullable Double weight,
    @ArraySchema(
            schema = @Schema(maxLength = TagPatch.MAX_TEXT),
            maxItems = TagPatch.MAX_LABELS,
            arraySchema = @Schema(description = "Labels left out of the comparison"))
        @Nullable List<String> excludedLabels,
    @Schema(
            description =
                "Level of measurement of Krippendorff's alpha (GET dimensions/ lists the allowed"
                    + " ones)",
            allowableValues = {"nominal", "ordinal", "interval", "ratio"})
        @Nullable String alphaLevel,
    @Schema(
            description =
                "Distance of a set-valued tag's Krippendorff's alpha (multi-select Choices,"
                    + " Taxonomy)",
            allowableValues = {"jaccard", "masi"})
        @Nullable String alphaDistance,
    @Schema(description = "false sets the weight to 0; true restores the default weight")
        @Nullable Boolean isActive) {}
