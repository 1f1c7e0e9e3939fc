package io.agreement.worker.refresh;

import com.rabbitmq.client.Channel;
import io.agreement.worker.job.Failures;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes refresh messages ({@code {"project_id": N}}) from the refresh queue and runs the project's
 * refresh. The marks are in the database, so every outcome acks; while the database is down the
 * message goes back after a pause, and an unreadable message or a bug is dead-lettered.
 */
final class RefreshListener {

  private static final Logger log = LoggerFactory.getLogger(RefreshListener.class);

  private final ProjectRefresh refresh;
  private final JsonMapper json;
  private final RefreshMetrics metrics;
  private final Duration transientPause;

  RefreshListener(
      ProjectRefresh refresh, JsonMapper json, RefreshMetrics metrics, Duration transientPause) {
    this.refresh = refresh;
    this.json = json;
    this.metrics = metrics;
    this.transientPause = transientPause;
  }

  @RabbitListener(queues = "${agreement.live.queue:agreement.refresh}", ackMode = "MANUAL")
  void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    OptionalLong projectId = projectId(message.getBody());
    if (projectId.isEmpty()) {
      log.warn("Dead-lettering a refresh message without a valid project_id");
      metrics.deadLettered("malformed");
      channel.basicReject(tag, false);
      return;
    }
    try {
      ProjectRefresh.Outcome outcome = refresh.run(projectId.getAsLong());
      log.debug("Refresh of project {}: {}", projectId.getAsLong(), outcome);
      channel.basicAck(tag, false);
    } catch (SQLException | RuntimeException e) {
      if (Failures.isTransient(e)) {
        log.warn(
            "Refresh of project {}: database unavailable ({}); requeueing in {}",
            projectId.getAsLong(),
            Failures.describe(e),
            transientPause);
        sleep(transientPause);
        channel.basicReject(tag, true);
        return;
      }
      log.error(
          "Refresh of project {} failed; dead-lettering its message", projectId.getAsLong(), e);
      metrics.deadLettered("error");
      channel.basicReject(tag, false);
    }
  }

  /** Strict: a positive whole JSON number that fits Label Studio's integer ids. */
  OptionalLong projectId(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      JsonNode id = node == null ? null : node.get("project_id");
      if (id != null
          && id.isIntegralNumber()
          && id.canConvertToLong()
          && id.longValue() > 0
          && id.longValue() <= Integer.MAX_VALUE) {
        return OptionalLong.of(id.longValue());
      }
    } catch (JacksonException e) {
      // unreadable: dead-lettered
    }
    return OptionalLong.empty();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
