package io.agreement.api.webhooks;

import io.agreement.common.labelstudio.LabelStudioLiveProjects;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.DirtyMarks.Source;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns a webhook into dirty marks, a config check or a sweep request, and nothing slower: scoring
 * happens in the workers, so Label Studio's request (an annotator's save, in Community) waits only
 * for a few statements.
 */
final class WebhookReceiver {

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

  private final JdbcClient jdbc;
  private final DirtyMarks marks;
  private final ConfigChanges configs;

  WebhookReceiver(JdbcClient jdbc, DirtyMarks marks, ConfigChanges configs) {
    this.jdbc = jdbc;
    this.marks = marks;
    this.configs = configs;
  }

  WebhookAnswer receive(WebhookEvent event) {
    Optional<WebhookAction> action = WebhookAction.parse(event.action());
    if (action.isEmpty()) {
      return WebhookAnswer.ignored(event.action());
    }
    if (event.truncated()) {
      log.warn(
          "A {} webhook named more than {} ids; the rest is left to the sweep",
          event.action(),
          WebhookParser.MAX_IDS);
    }
    if (event.actionOnly()) {
      return new WebhookAnswer(event.action(), 0, requestSweep(), null);
    }
    if (action.get() == WebhookAction.PROJECT_UPDATED) {
      return projectUpdated(event);
    }
    if (!action.get().marksTasks()) {
      log.info("Label Studio reports {} for project {}", event.action(), event.projectId());
      return WebhookAnswer.ignored(event.action());
    }
    return new WebhookAnswer(event.action(), mark(event), false, null);
  }

  private int mark(WebhookEvent event) {
    if (event.projectId() == null || !live(event.projectId())) {
      return 0;
    }
    long project = event.projectId();
    return marks.mark(project, event.taskIds(), Source.WEBHOOK)
        + marks.markAnnotations(project, event.annotationIds(), Source.WEBHOOK);
  }

  private WebhookAnswer projectUpdated(WebhookEvent event) {
    String outcome =
        event.projectId() == null
            ? ConfigChanges.Outcome.GONE.name()
            : configs.check(event.projectId()).name();
    return new WebhookAnswer(event.action(), 0, false, outcome.toLowerCase(Locale.ROOT));
  }

  private boolean live(long projectId) {
    return jdbc.sql(LabelStudioLiveProjects.ORGANIZATION_OF_LIVE)
        .param(projectId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** A body without payload names nothing: the sweep, asked to run now, finds what changed. */
  private boolean requestSweep() {
    int updated =
        jdbc.sql(
                "UPDATE agreement.sweep_state SET sweep_requested_at = clock_timestamp()"
                    + " WHERE id = 1")
            .update();
    if (updated != 1) {
      throw new IllegalStateException("agreement.sweep_state has no row 1; run the migrations");
    }
    return true;
  }
}
