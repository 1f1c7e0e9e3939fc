package io.agreement.api.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A project's effective agreement settings.
 *
 * @param agreementThreshold tasks below it count as low agreement in the distribution
 * @param dimensions every control tag of the current label config, in config order
 * @param labelConfigError why the label config cannot be read (then there are no dimensions)
 */
public record DimensionsView(
    long projectId,
    String methodology,
    double agreementThreshold,
    List<Dimension> dimensions,
    @JsonInclude(JsonInclude.Include.NON_NULL) String labelConfigError) {}
