package io.agreement.api.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * What the receiver did with a webhook.
 *
 * @param action the body's action, as sent
 * @param marked tasks marked dirty (a task already marked counts again: its mark is renewed)
 * @param sweepRequested whether a body without payload asked for a sweep now
 * @param configChange for PROJECT_UPDATED, what the config check found (unchanged, changed,
 *     already_queued, not_scored, gone)
 */
record WebhookAnswer(
    @Nullable String action, int marked, boolean sweepRequested, @Nullable String configChange) {

  static WebhookAnswer ignored(String action) {
    return new WebhookAnswer(action, 0, false, null);
  }
}
