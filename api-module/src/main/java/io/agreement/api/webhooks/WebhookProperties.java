package io.agreement.api.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Label Studio webhook receiver (SPEC 9).
 *
 * @param secret the shared secret Label Studio sends as {@code X-Agreement-Webhook-Secret}
 *     (AGREEMENT_WEBHOOK_SECRET); without it (or a file) the endpoint answers 404
 * @param secretFile a file holding the secret instead, e.g. a mounted secret
 *     (AGREEMENT_WEBHOOK_SECRET_FILE)
 * @param poolSize the connections of the receiver's own pool, apart from the API's: as many as
 *     annotators may save at once (Label Studio delivers inside each of their requests)
 * @param connectionTimeout how long a webhook waits for a connection before answering 503
 * @param statementTimeout how long one of its statements may run before it answers 503
 */
@ConfigurationProperties("agreement.webhook")
public record WebhookProperties(
    String secret,
    String secretFile,
    @DefaultValue("8") int poolSize,
    @DefaultValue("1s") Duration connectionTimeout,
    @DefaultValue("2s") Duration statementTimeout) {

  @Override
  public String toString() {
    return "WebhookProperties[secret=hidden, poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", statementTimeout="
        + statementTimeout
        + "]";
  }
}
