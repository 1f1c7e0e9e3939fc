package io.agreement.api.refresh;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * GET refresh/status/: the organization's live-refresh backlog (SPEC 9), and the sweep's progress,
 * which covers every organization.
 *
 * @param dirtyTasks tasks of the organization's live projects whose scores wait for a refresh
 * @param projects projects with such tasks
 * @param pendingRefreshes projects whose refresh is requested and not yet started
 * @param oldestMarkedAt when the oldest pending mark was made; null without marks
 * @param oldestMarkAgeSeconds its age; null without marks
 * @param lastSweepAt when the sweep last ran
 * @param lastReconcileAt when the reconciliation last ran
 * @param watermark the greatest task update the sweep has seen
 */
record RefreshStatus(
    long organizationId,
    long dirtyTasks,
    long projects,
    long pendingRefreshes,
    @Nullable Instant oldestMarkedAt,
    @Nullable Double oldestMarkAgeSeconds,
    @Nullable Instant lastSweepAt,
    @Nullable Instant lastReconcileAt,
    @Nullable Instant watermark) {}
