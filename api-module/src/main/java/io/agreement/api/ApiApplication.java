package io.agreement.api;

import io.agreement.common.delivery.DeliveryConfiguration;
import io.agreement.common.live.LiveConfiguration;
import io.agreement.common.schema.SchemaConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST API admins call to trigger, watch and cancel backfills and to read the results. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({DeliveryConfiguration.class, SchemaConfiguration.class, LiveConfiguration.class})
public class ApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiApplication.class, args);
  }
}
