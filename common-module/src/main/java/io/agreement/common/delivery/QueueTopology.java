package io.agreement.common.delivery;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/** The durable quorum job queue, its exchange, and the dead-letter exchange and queue. */
public final class QueueTopology {

  private QueueTopology() {}

  public static Declarables declarables(QueueProperties props) {
    DirectExchange exchange = new DirectExchange(props.exchange(), true, false);
    FanoutExchange deadLetterExchange = new FanoutExchange(props.deadLetterExchange(), true, false);
    Queue jobs =
        QueueBuilder.durable(props.name())
            .quorum()
            .deadLetterExchange(props.deadLetterExchange())
            .deliveryLimit(props.deliveryLimit())
            .build();
    Queue deadLetters = QueueBuilder.durable(props.deadLetterQueue()).quorum().build();
    Binding jobBinding = BindingBuilder.bind(jobs).to(exchange).with(QueueProperties.ROUTING_KEY);
    Binding deadLetterBinding = BindingBuilder.bind(deadLetters).to(deadLetterExchange);
    return new Declarables(
        exchange, deadLetterExchange, jobs, deadLetters, jobBinding, deadLetterBinding);
  }
}
