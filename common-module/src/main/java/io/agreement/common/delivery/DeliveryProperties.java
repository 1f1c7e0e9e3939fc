package io.agreement.common.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How job messages are published and relayed.
 *
 * @param confirmTimeout how long a publish waits for the broker's confirms
 * @param relayInterval how often PENDING jobs left behind are re-published
 * @param relayGrace age a PENDING job must reach before the relay touches it, so the relay does not
 *     race the publish that follows the API's commit
 * @param relayEnabled whether this process runs the relay
 */
@ConfigurationProperties("agreement.delivery")
public record DeliveryProperties(
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("5s") Duration relayInterval,
    @DefaultValue("10s") Duration relayGrace,
    @DefaultValue("true") boolean relayEnabled) {}
