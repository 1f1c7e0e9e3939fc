package io.agreement.api.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * What a webhook body names, and nothing else: the ids are hints, since scoring re-reads the
 * database. Every id is a Label Studio id (1 to 2147483647); anything else the body held is left
 * out.
 *
 * @param action the body's {@code action}, null when it has none as a string
 * @param projectId {@code project.id}, else the first {@code project} of an annotation or task
 * @param taskIds the tasks of annotations ({@code annotation.task}) and the tasks named
 * @param annotationIds annotations named without their task ({@code ANNOTATIONS_DELETED})
 * @param actionOnly whether the body has no key but {@code action} ({@code send_payload=false})
 * @param truncated whether more ids came than one body may name, and the rest was left out
 */
record WebhookEvent(
    @Nullable String action,
    @Nullable Long projectId,
    long[] taskIds,
    long[] annotationIds,
    boolean actionOnly,
    boolean truncated) {}
