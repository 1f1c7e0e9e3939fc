package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Liveness and readiness of both applications. */
class HealthIT extends IntegrationTest {

  @Test
  void api_is_live_and_ready_with_its_database_and_broker() {
    assertThat(api(null).get("/actuator/health/liveness").status()).isEqualTo(200);
    Response ready = api(null).get("/actuator/health/readiness");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void worker_is_live_but_not_ready_while_the_broker_is_unreachable() throws Exception {
    try (WorkerProcess worker =
        WorkerProcess.start(ENV, "no-broker", Map.of("SPRING_RABBITMQ_PORT", "1"))) {
      await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> worker.port() > 0);
      assertThat(worker.log())
          .as("the packaged worker migrates through the serialized strategy")
          .contains("Schema migrations done under the migration lock: 0 applied");
      String base = "http://localhost:" + worker.port();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(new ApiClient(base, null).get("/actuator/health/liveness").status())
                    .isEqualTo(200);
                assertThat(new ApiClient(base, null).get("/actuator/health/readiness").status())
                    .isEqualTo(503);
              });
    }
  }
}
