package io.agreement.common.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names and limits of the job queue topology, shared by the API and the workers.
 *
 * @param name the durable quorum queue that holds one message per job; also the exchange name
 * @param deliveryLimit quorum queue delivery limit, a backstop only: attempts are counted in
 *     PostgreSQL
 */
@ConfigurationProperties("agreement.queue")
public record QueueProperties(
    @DefaultValue("agreement.backfill") String name, @DefaultValue("20") int deliveryLimit) {

  public static final String ROUTING_KEY = "job";

  public String exchange() {
    return name;
  }

  public String deadLetterExchange() {
    return name + ".dlx";
  }

  public String deadLetterQueue() {
    return name + ".dead-letter";
  }
}
