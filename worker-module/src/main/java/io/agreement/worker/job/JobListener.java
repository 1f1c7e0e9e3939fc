package io.agreement.worker.job;

import com.rabbitmq.client.Channel;
import io.agreement.common.job.JobMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Entry point for job messages: reads them, runs them, and acks by hand. */
final class JobListener {

  private static final Logger log = LoggerFactory.getLogger(JobListener.class);

  private final JobRunner runner;
  private final JsonMapper json;
  private final WorkerMetrics metrics;
  private final Duration transientPause;

  /** Database failures in a row: each doubles the pause before a requeue, up to 30 s. */
  private final AtomicInteger failuresInARow = new AtomicInteger();

  static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  JobListener(JobRunner runner, JsonMapper json, WorkerMetrics metrics, Duration transientPause) {
    this.runner = runner;
    this.json = json;
    this.metrics = metrics;
    this.transientPause = transientPause;
  }

  @RabbitListener(queues = "${agreement.queue.name:agreement.backfill}", ackMode = "MANUAL")
  void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    Optional<JobMessage> job = read(message);
    if (job.isEmpty()) {
      metrics.deadLettered("malformed");
      channel.basicReject(tag, false);
      return;
    }
    settle(channel, tag, handle(job.get()), job.get());
  }

  /**
   * While the database is unreachable nothing can be decided about a job: the message goes back to
   * the queue after a pause that doubles with each failure in a row (up to 30 s, well inside the
   * shutdown grace), so it is neither lost nor spun on while the outage lasts. Anything else
   * unexpected is a bug and the message is dead-lettered; the job row, if RUNNING, is rescued by
   * the reaper.
   */
  private JobRunner.Disposition handle(JobMessage job) {
    try {
      JobRunner.Disposition disposition = runner.handle(job);
      failuresInARow.set(0);
      return disposition;
    } catch (RuntimeException e) {
      if (Failures.isTransient(e)) {
        Duration wait = backoff(failuresInARow.incrementAndGet());
        log.warn(
            "Job {}: database unavailable ({}); requeueing its message in {}",
            job.jobId(),
            Failures.describe(e),
            wait);
        Pause.sleep(wait);
        return JobRunner.Disposition.REQUEUE;
      }
      log.error("Job {} could not be handled; dead-lettering its message", job.jobId(), e);
      metrics.deadLettered("error");
      return JobRunner.Disposition.DEAD_LETTER;
    }
  }

  /** The pause after the n-th failure in a row: the base pause, doubled each time, capped. */
  Duration backoff(int failures) {
    Duration longest = transientPause.compareTo(LONGEST_PAUSE) > 0 ? transientPause : LONGEST_PAUSE;
    Duration wait = transientPause.multipliedBy(1L << Math.min(failures - 1, 10));
    return wait.compareTo(longest) > 0 ? longest : wait;
  }

  /** Strict: each id must be a positive whole JSON number, not a string, null or fraction. */
  private Optional<JobMessage> read(Message message) {
    try {
      JsonNode body = json.readTree(message.getBody());
      OptionalLong jobId = id(body, "job_id");
      OptionalLong projectId = id(body, "project_id");
      OptionalLong organizationId = id(body, "organization_id");
      if (jobId.isPresent() && projectId.isPresent() && organizationId.isPresent()) {
        return Optional.of(
            new JobMessage(jobId.getAsLong(), projectId.getAsLong(), organizationId.getAsLong()));
      }
      log.warn("Dead-lettering a job message without valid ids: {}", preview(message));
    } catch (JacksonException e) {
      log.warn(
          "Dead-lettering an unreadable job message ({}): {}",
          e.getOriginalMessage(),
          preview(message));
    }
    return Optional.empty();
  }

  private static OptionalLong id(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    if (value != null
        && value.isIntegralNumber()
        && value.canConvertToLong()
        && value.longValue() > 0) {
      return OptionalLong.of(value.longValue());
    }
    return OptionalLong.empty();
  }

  /**
   * A channel closed meanwhile (consumer timeout, broker restart) is fine: the redelivery is
   * dropped as a duplicate.
   */
  private static void settle(
      Channel channel, long tag, JobRunner.Disposition disposition, JobMessage job) {
    try {
      switch (disposition) {
        case ACK -> channel.basicAck(tag, false);
        case REQUEUE -> channel.basicReject(tag, true);
        case DEAD_LETTER -> channel.basicReject(tag, false);
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Could not settle the message of job {} ({}); its redelivery will be dropped",
          job.jobId(),
          e.getMessage());
    }
  }

  private static String preview(Message message) {
    byte[] body = message.getBody();
    String text =
        new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    return text.replaceAll("[\\p{Cntrl}]", "?");
  }
}
