package io.agreement.common.generate;

import java.util.List;

/** What the generator created. */
public record GeneratedOrganization(
    long organizationId,
    long ownerId,
    String ownerEmail,
    String token,
    List<Long> annotatorIds,
    List<Long> projectIds,
    long tasks,
    long annotations) {}
