package io.agreement.common.delivery;

import io.agreement.common.job.JobMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes job messages as persistent, mandatory messages and waits for the broker's publisher
 * confirms. A job counts as delivered only when the broker acked it and did not return it.
 */
public final class JobPublisher {

  private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);

  private final RabbitTemplate rabbit;
  private final QueueProperties queue;
  private final JsonMapper json;
  private final Duration confirmTimeout;
  private final MeterRegistry meters;

  public JobPublisher(
      RabbitTemplate rabbit,
      QueueProperties queue,
      JsonMapper json,
      Duration confirmTimeout,
      MeterRegistry meters) {
    this.rabbit = rabbit;
    this.queue = queue;
    this.json = json;
    this.confirmTimeout = confirmTimeout;
    this.meters = meters;
    for (String result : new String[] {"ack", "nack", "returned", "timeout", "error"}) {
      meters.counter("agreement.publish.confirms", "result", result);
    }
  }

  /** Returns the ids of the jobs whose message the broker confirmed. */
  public Set<Long> publish(List<JobMessage> jobs) {
    List<CorrelationData> sent = new ArrayList<>(jobs.size());
    for (JobMessage job : jobs) {
      CorrelationData correlation = new CorrelationData(Long.toString(job.jobId()));
      try {
        rabbit.send(queue.exchange(), QueueProperties.ROUTING_KEY, toMessage(job), correlation);
        sent.add(correlation);
      } catch (AmqpException e) {
        log.warn("Could not publish job {}: {}", job.jobId(), e.getMessage());
        count("error");
      }
    }
    return awaitConfirms(sent);
  }

  private Set<Long> awaitConfirms(List<CorrelationData> sent) {
    Set<Long> confirmed = new HashSet<>();
    long deadline = System.nanoTime() + confirmTimeout.toNanos();
    for (CorrelationData correlation : sent) {
      String outcome = outcome(correlation, deadline);
      count(outcome);
      if (outcome.equals("ack")) {
        confirmed.add(Long.parseLong(correlation.getId()));
      }
    }
    return confirmed;
  }

  private static String outcome(CorrelationData correlation, long deadline) {
    try {
      long wait = Math.max(0, deadline - System.nanoTime());
      CorrelationData.Confirm confirm = correlation.getFuture().get(wait, TimeUnit.NANOSECONDS);
      if (correlation.getReturned() != null) {
        return "returned";
      }
      return confirm.ack() ? "ack" : "nack";
    } catch (TimeoutException e) {
      return "timeout";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "timeout";
    } catch (ExecutionException e) {
      return "error";
    }
  }

  private Message toMessage(JobMessage job) {
    return MessageBuilder.withBody(json.writeValueAsBytes(job))
        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .setMessageId("job-" + job.jobId())
        .build();
  }

  private void count(String result) {
    meters.counter("agreement.publish.confirms", "result", result).increment();
  }
}
