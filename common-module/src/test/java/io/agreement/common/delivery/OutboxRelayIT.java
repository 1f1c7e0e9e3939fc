package io.agreement.common.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.zaxxer.hikari.HikariDataSource;
import io.agreement.common.job.JobMessage;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox relay against real PostgreSQL and RabbitMQ, with a template set up as the API's and
 * the workers': correlated publisher confirms and mandatory publishing, so a job becomes QUEUED
 * only when the broker took its message into the queue.
 */
class OutboxRelayIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static TestServices.Environment env;
  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;
  private static CachingConnectionFactory connections;
  private static RabbitTemplate rabbit;
  private static RabbitAdmin admin;
  private static QueueProperties queue;
  private static SimpleMeterRegistry meters;

  @BeforeAll
  static void services() {
    env = TestServices.isolatedEnvironment();
    dataSource = Migrations.migratedPool(env, 4);
    jdbc = JdbcClient.create(dataSource);

    connections =
        new CachingConnectionFactory(env.endpoints().rabbitHost(), env.endpoints().rabbitPort());
    connections.setUsername(env.endpoints().rabbitUser());
    connections.setPassword(env.endpoints().rabbitPassword());
    connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
    connections.setPublisherReturns(true);
    rabbit = new RabbitTemplate(connections);
    rabbit.setMandatory(true);
    admin = new RabbitAdmin(connections);
    queue = new QueueProperties(env.queueName(), 20);
    declare(QueueTopology.declarables(queue).getDeclarables());
  }

  @AfterAll
  static void closeServices() {
    admin.deleteExchange(unbound().exchange());
    connections.destroy();
    dataSource.close();
  }

  private static void declare(Iterable<Declarable> declarables) {
    for (Declarable d : declarables) {
      if (d instanceof Exchange exchange) {
        admin.declareExchange(exchange);
      } else if (d instanceof Queue q) {
        admin.declareQueue(q);
      } else if (d instanceof Binding binding) {
        admin.declareBinding(binding);
      }
    }
  }

  /** An exchange that exists but routes nowhere: mandatory messages come back. */
  private static QueueProperties unbound() {
    return new QueueProperties(env.queueName() + "-unbound", 20);
  }

  /** Names an exchange that was never declared. */
  private static QueueProperties undeclared() {
    return new QueueProperties(env.queueName() + "-undeclared", 20);
  }

  private static OutboxRelay relay(QueueProperties target, Duration grace) {
    JobPublisher publisher = new JobPublisher(rabbit, target, JSON, Duration.ofSeconds(5), meters);
    return new OutboxRelay(
        new OutboxRepository(jdbc),
        publisher,
        Clock.systemUTC(),
        grace,
        meters.counter("agreement.relay.republished"));
  }

  private static long pending(long projectId, Duration age) {
    return jdbc.sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, created_at)
            VALUES (7, :p, 'PENDING', now() - make_interval(secs => :age)) RETURNING id
            """)
        .param("p", projectId)
        .param("age", (double) age.toSeconds())
        .query(Long.class)
        .single();
  }

  private static String status(long job) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = :id")
        .param("id", job)
        .query(String.class)
        .single();
  }

  private static boolean hasQueuedAt(long job) {
    return jdbc.sql("SELECT queued_at IS NOT NULL FROM agreement.backfill_job WHERE id = :id")
        .param("id", job)
        .query(Boolean.class)
        .single();
  }

  private static long messages(String queueName) {
    return admin.getQueueInfo(queueName).getMessageCount();
  }

  private static double confirms(String result) {
    return meters.counter("agreement.publish.confirms", "result", result).count();
  }

  @BeforeEach
  void emptyOutboxAndQueues() {
    meters = new SimpleMeterRegistry();
    jdbc.sql("DELETE FROM agreement.backfill_job").update();
    admin.purgeQueue(queue.name(), false);
    admin.purgeQueue(queue.deadLetterQueue(), false);
  }

  @Nested
  class RelayPending {

    @Test
    void publishes_pending_jobs_older_than_the_grace_and_marks_them_queued() {
      long old = pending(1, Duration.ofMinutes(1));
      long young = pending(2, Duration.ZERO);

      int relayed = relay(queue, Duration.ofSeconds(10)).relayPending();

      assertThat(relayed).isEqualTo(1);
      assertThat(status(old)).isEqualTo("QUEUED");
      assertThat(hasQueuedAt(old)).isTrue();
      assertThat(status(young))
          .as("younger than the grace: the API's own publish is still on its way")
          .isEqualTo("PENDING");
      assertThat(hasQueuedAt(young)).isFalse();
      assertThat(messages(queue.name())).isEqualTo(1);

      Message message = rabbit.receive(queue.name(), 5000);
      assertThat(message).isNotNull();
      JsonNode body = JSON.readTree(message.getBody());
      assertThat(body.get("job_id").asLong()).isEqualTo(old);
      assertThat(body.get("project_id").asLong()).isEqualTo(1);
      assertThat(body.get("organization_id").asLong()).isEqualTo(7);
      assertThat(body.size()).isEqualTo(3);
      assertThat(message.getMessageProperties().getReceivedDeliveryMode())
          .isEqualTo(MessageDeliveryMode.PERSISTENT);
      assertThat(message.getMessageProperties().getMessageId()).isEqualTo("job-" + old);
      assertThat(confirms("ack")).isEqualTo(1);
    }

    @Test
    void a_later_pass_relays_the_young_job_once_it_is_old_enough_and_nothing_twice() {
      long old = pending(1, Duration.ofMinutes(1));
      long young = pending(2, Duration.ofSeconds(5));
      OutboxRelay relay = relay(queue, Duration.ofSeconds(10));
      assertThat(relay.relayPending()).isEqualTo(1);

      jdbc.sql(
              "UPDATE agreement.backfill_job SET created_at = now() - interval '1 minute' WHERE id = :id")
          .param("id", young)
          .update();

      assertThat(relay.relayPending()).isEqualTo(1);
      assertThat(relay.relayPending()).as("nothing left").isZero();
      assertThat(status(old)).isEqualTo("QUEUED");
      assertThat(status(young)).isEqualTo("QUEUED");
      assertThat(messages(queue.name())).isEqualTo(2);
    }

    @Test
    void leaves_jobs_that_are_not_pending_alone() {
      long running = pending(1, Duration.ofMinutes(1));
      jdbc.sql(
              "UPDATE agreement.backfill_job SET status = 'RUNNING', worker_id = 'w' WHERE id = :id")
          .param("id", running)
          .update();
      long done = pending(2, Duration.ofMinutes(1));
      jdbc.sql("UPDATE agreement.backfill_job SET status = 'COMPLETED' WHERE id = :id")
          .param("id", done)
          .update();

      assertThat(relay(queue, Duration.ZERO).relayPending()).isZero();

      assertThat(status(running)).isEqualTo("RUNNING");
      assertThat(status(done)).isEqualTo("COMPLETED");
      assertThat(messages(queue.name())).isZero();
    }

    @Test
    void publish_now_marks_confirmed_jobs_queued_at_once() {
      long job = pending(3, Duration.ZERO);

      int confirmed =
          relay(queue, Duration.ofSeconds(10)).publishNow(List.of(new JobMessage(job, 3, 7)));

      assertThat(confirmed).isEqualTo(1);
      assertThat(status(job)).isEqualTo("QUEUED");
      assertThat(messages(queue.name())).isEqualTo(1);
    }
  }

  @Nested
  class Unroutable {

    @Test
    void a_message_returned_by_the_broker_leaves_its_job_pending() {
      admin.declareExchange(new DirectExchange(unbound().exchange(), true, false));
      long job = pending(1, Duration.ofMinutes(1));

      int relayed = relay(unbound(), Duration.ofSeconds(1)).relayPending();

      assertThat(relayed).isZero();
      assertThat(status(job)).as("mandatory: routed nowhere, so not queued").isEqualTo("PENDING");
      assertThat(hasQueuedAt(job)).isFalse();
      assertThat(confirms("returned")).isEqualTo(1);
      assertThat(confirms("ack")).isZero();
    }

    @Test
    void a_message_for_an_exchange_that_does_not_exist_leaves_its_job_pending() {
      long job = pending(1, Duration.ofMinutes(1));

      int relayed = relay(undeclared(), Duration.ofSeconds(1)).relayPending();

      assertThat(relayed).isZero();
      assertThat(status(job)).isEqualTo("PENDING");
      assertThat(confirms("ack")).isZero();

      assertThat(relay(queue, Duration.ofSeconds(1)).relayPending())
          .as("not tried again within the grace")
          .isZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> relay(queue, Duration.ofSeconds(1)).relayPending() == 1);
      assertThat(status(job)).isEqualTo("QUEUED");
      assertThat(messages(queue.name())).isEqualTo(1);
    }
  }

  @Nested
  class Topology {

    @Test
    void the_job_queue_is_a_durable_quorum_queue_and_redeclaring_it_is_harmless() throws Exception {
      declare(QueueTopology.declarables(queue).getDeclarables());
      assertThat(queueArguments()).containsEntry("x-queue-type", "quorum");
      assertThat(admin.getQueueProperties(queue.name())).isNotNull();
      assertThat(admin.getQueueProperties(queue.deadLetterQueue())).isNotNull();

      Map<String, Object> classic = new HashMap<>(queueArguments());
      classic.put("x-queue-type", "classic");
      assertThat(redeclare(queue.name(), true, classic))
          .contains("inequivalent arg 'x-queue-type'")
          .contains("'quorum'");
      assertThat(redeclare(queue.deadLetterQueue(), true, Map.of("x-queue-type", "classic")))
          .contains("inequivalent arg 'x-queue-type'");
      assertThat(redeclare(queue.name(), false, queueArguments()))
          .contains("inequivalent arg 'durable'");
    }

    @Test
    void the_job_queue_names_the_dead_letter_exchange() throws Exception {
      Map<String, Object> otherExchange = new HashMap<>(queueArguments());
      otherExchange.put("x-dead-letter-exchange", "somewhere-else");

      assertThat(redeclare(queue.name(), true, otherExchange))
          .contains("inequivalent arg 'x-dead-letter-exchange'")
          .contains(queue.deadLetterExchange());
      assertThat(queueArguments())
          .containsEntry("x-dead-letter-exchange", queue.deadLetterExchange());
    }

    @Test
    void a_message_rejected_without_requeue_lands_in_the_dead_letter_queue() throws Exception {
      rabbit.convertAndSend(queue.exchange(), QueueProperties.ROUTING_KEY, "{\"poison\":true}");
      try (com.rabbitmq.client.Connection connection =
              connections.getRabbitConnectionFactory().newConnection();
          Channel channel = connection.createChannel()) {
        GetResponse got =
            await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> channel.basicGet(queue.name(), false), r -> r != null);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> messages(queue.deadLetterQueue()) == 1);
      Message dead = rabbit.receive(queue.deadLetterQueue(), 5000);
      assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains("poison");
      assertThat(messages(queue.name())).isZero();
    }

    private Map<String, Object> queueArguments() {
      return QueueTopology.declarables(queue).getDeclarablesByType(Queue.class).stream()
          .filter(q -> q.getName().equals(queue.name()))
          .findFirst()
          .orElseThrow()
          .getArguments();
    }

    /** Declares the queue again with other properties; returns the broker's refusal. */
    private String redeclare(String name, boolean durable, Map<String, Object> arguments)
        throws Exception {
      try (com.rabbitmq.client.Connection connection =
          connections.getRabbitConnectionFactory().newConnection()) {
        Channel channel = connection.createChannel();
        Throwable refusal =
            catchThrowable(() -> channel.queueDeclare(name, durable, false, false, arguments));
        assertThat(refusal)
            .as("redeclaring %s with %s", name, arguments)
            .isInstanceOf(IOException.class);
        return String.valueOf(refusal.getCause());
      }
    }
  }
}
