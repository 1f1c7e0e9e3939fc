package io.agreement.api.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /api/token/refresh/, as Label Studio's SDK sends it. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record RefreshBody(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description = "A Label Studio personal access token (a JWT refresh token)")
        String refresh) {}
