package io.agreement.common.live;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The refresh queue: its own durable quorum queue and dead-letter queue, so refreshes never wait
 * behind a long backfill queue. A message is {@code {"project_id": N}}; the marks are in the
 * database, so a lost or duplicated message costs a delay or a no-op, never a change.
 */
public final class RefreshQueue {

  private static final Logger log = LoggerFactory.getLogger(RefreshQueue.class);

  private final RabbitTemplate rabbit;
  private final LiveProperties props;

  public RefreshQueue(RabbitTemplate rabbit, LiveProperties props) {
    this.rabbit = rabbit;
    this.props = props;
  }

  public static Declarables declarables(LiveProperties props) {
    DirectExchange exchange = new DirectExchange(props.queue(), true, false);
    FanoutExchange deadLetterExchange = new FanoutExchange(props.deadLetterExchange(), true, false);
    Queue refreshes =
        QueueBuilder.durable(props.queue())
            .quorum()
            .deadLetterExchange(props.deadLetterExchange())
            .deliveryLimit(props.deliveryLimit())
            .build();
    Queue deadLetters = QueueBuilder.durable(props.deadLetterQueue()).quorum().build();
    return new Declarables(
        exchange,
        deadLetterExchange,
        refreshes,
        deadLetters,
        BindingBuilder.bind(refreshes).to(exchange).with(LiveProperties.ROUTING_KEY),
        (Binding) BindingBuilder.bind(deadLetters).to(deadLetterExchange));
  }

  /**
   * Sends a project's refresh message without waiting for the broker: false when it could not be
   * sent, and the sweep publishes the request again.
   */
  public boolean publish(long projectId) {
    Message message =
        MessageBuilder.withBody(
                ("{\"project_id\":" + projectId + "}").getBytes(StandardCharsets.UTF_8))
            .setContentType(MessageProperties.CONTENT_TYPE_JSON)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .build();
    try {
      rabbit.send(props.queue(), LiveProperties.ROUTING_KEY, message);
      return true;
    } catch (AmqpException e) {
      log.warn("Could not publish the refresh of project {}: {}", projectId, e.getMessage());
      return false;
    }
  }
}
