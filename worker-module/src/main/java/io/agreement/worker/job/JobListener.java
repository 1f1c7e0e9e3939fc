package io.agreement.worker.job;

import com.rabbitmq.client.Channel;
import io.agreement.common.job.JobMessage;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Entry point for job messages: reads them, runs them, and acks by hand. */
final class JobListener {

  private static final Logger log = LoggerFactory.getLogger(JobListener.class);

  private final JobRunner runner;
  private final JsonMapper json;
  private final WorkerMetrics metrics;

  JobListener(JobRunner runner, JsonMapper json, WorkerMetrics metrics) {
    this.runner = runner;
    this.json = json;
    this.metrics = metrics;
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
    JobRunner.Disposition disposition;
    try {
      disposition = runner.handle(job.get());
    } catch (RuntimeException e) {
      log.error("Job {} could not be handled; dead-lettering its message (the reaper rescues the job)",
          job.get().jobId(), e);
      metrics.deadLettered("error");
      disposition = JobRunner.Disposition.DEAD_LETTER;
    }
    settle(channel, tag, disposition, job.get());
  }

  private Optional<JobMessage> read(Message message) {
    try {
      JobMessage job = json.readValue(message.getBody(), JobMessage.class);
      if (job.jobId() <= 0 || job.projectId() <= 0) {
        log.warn("Dead-lettering a job message without job or project id: {}", preview(message));
        return Optional.empty();
      }
      return Optional.of(job);
    } catch (JacksonException e) {
      log.warn("Dead-lettering an unreadable job message ({}): {}", e.getOriginalMessage(), preview(message));
      return Optional.empty();
    }
  }

  /** A channel closed meanwhile (consumer timeout, broker restart) is fine: the redelivery is dropped as a duplicate. */
  private static void settle(Channel channel, long tag, JobRunner.Disposition disposition, JobMessage job) {
    try {
      switch (disposition) {
        case ACK -> channel.basicAck(tag, false);
        case REQUEUE -> channel.basicReject(tag, true);
        case DEAD_LETTER -> channel.basicReject(tag, false);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Could not settle the message of job {} ({}); its redelivery will be dropped", job.jobId(),
          e.getMessage());
    }
  }

  private static String preview(Message message) {
    byte[] body = message.getBody();
    String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    return text.replaceAll("[\\p{Cntrl}]", "?");
  }
}
