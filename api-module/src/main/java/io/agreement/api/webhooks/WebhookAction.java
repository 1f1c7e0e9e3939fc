package io.agreement.api.webhooks;

import java.util.Optional;

/**
 * The Label Studio Community actions the receiver acts on (LS-WEBHOOKS 1.1); others (label links,
 * Enterprise's reviews) are answered and ignored.
 */
enum WebhookAction {
  ANNOTATION_CREATED,
  ANNOTATIONS_CREATED,
  ANNOTATION_UPDATED,
  ANNOTATIONS_DELETED,
  TASKS_CREATED,
  TASKS_DELETED,
  PROJECT_CREATED,
  PROJECT_UPDATED,
  PROJECT_DELETED;

  static Optional<WebhookAction> parse(String action) {
    for (WebhookAction known : values()) {
      if (known.name().equals(action)) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  /** Whether the event names annotations or tasks whose scores may have changed. */
  boolean marksTasks() {
    return this != PROJECT_CREATED && this != PROJECT_UPDATED && this != PROJECT_DELETED;
  }
}
