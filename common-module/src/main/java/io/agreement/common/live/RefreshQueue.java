package io.agreement.common.live;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
public final class RefreshQueue implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RefreshQueue.class);
  private static final int BACKLOG = 10_000;

  private final RabbitTemplate rabbit;
  private final LiveProperties props;

  /**
   * Publishes in the background for callers that must not wait for the broker (a webhook answers
   * inside the annotator's request; a broker that does not answer could hold it for the connection
   * timeout). Bounded: beyond its backlog a publish is dropped and the sweep publishes the request
   * again.
   */
  private final ThreadPoolExecutor background =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(BACKLOG),
          r -> {
            Thread t = new Thread(r, "refresh-publisher");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardPolicy());

  public RefreshQueue(RabbitTemplate rabbit, LiveProperties props) {
    this.rabbit = rabbit;
    this.props = props;
  }

  /** Runs a publish in the background; see {@link #background}. */
  public void inBackground(Runnable publish) {
    background.execute(
        () -> {
          try {
            publish.run();
          } catch (RuntimeException e) {
            log.warn("A background publish failed; the sweep publishes again: {}", e.getMessage());
          }
        });
  }

  @Override
  public void close() {
    background.shutdown();
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
