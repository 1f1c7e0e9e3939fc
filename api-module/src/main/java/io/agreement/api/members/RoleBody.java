package io.agreement.api.members;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PUT /api/agreement/members/{user_id}/role/ as a client sends it. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record RoleBody(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description = "The role to grant; nobody grants above their own role",
            allowableValues = {"OWNER", "ADMINISTRATOR", "MANAGER", "REVIEWER", "ANNOTATOR"})
        String role) {}
