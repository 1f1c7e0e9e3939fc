package io.agreement.api.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code agreement.live.webhooks}: webhook requests by action (a Label Studio action the receiver
 * knows, else {@code other}, so a sender cannot grow the series) and outcome.
 */
final class WebhookMetrics {

  private final MeterRegistry meters;

  WebhookMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void count(String action, String outcome) {
    Counter.builder("agreement.live.webhooks")
        .description("Label Studio webhook requests by action and outcome")
        .tag("action", WebhookAction.parse(action).map(Enum::name).orElse("other"))
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
