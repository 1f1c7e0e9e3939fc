package io.agreement.api.support;

import io.agreement.testsupport.TestServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API running on a random port against real PostgreSQL and RabbitMQ, with a database and queue
 * names of its own for this test run. Tests make their own organizations, so they never see each
 * other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

  protected static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  /** Label Studio's SECRET_KEY as the API is given it, to sign personal access tokens with. */
  public static final String LABEL_STUDIO_SECRET = "integration-test-label-studio-secret-key";

  /**
   * The webhook secret of the tests that configure one, with {@code @TestPropertySource(properties
   * = WEBHOOK_SECRET_PROPERTY)}; the others run without, as a fresh install does.
   */
  public static final String WEBHOOK_SECRET = "integration-test-webhook-secret";

  public static final String WEBHOOK_SECRET_PROPERTY = "agreement.webhook.secret=" + WEBHOOK_SECRET;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.delivery.relay-interval", () -> "1s");
    registry.add("agreement.delivery.relay-grace", () -> "2s");
    registry.add("agreement.metrics.refresh-interval", () -> "1s");
    registry.add("agreement.label-studio.secret-key", () -> LABEL_STUDIO_SECRET);
  }

  @LocalServerPort protected int port;
  @Autowired protected DataSource dataSource;
  protected TestData data;

  @BeforeEach
  void setUpData() {
    data = new TestData(dataSource);
  }

  protected ApiClient api(String token) {
    return new ApiClient("http://localhost:" + port, token);
  }
}
