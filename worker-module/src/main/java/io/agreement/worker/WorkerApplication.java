package io.agreement.worker;

import io.agreement.common.delivery.DeliveryConfiguration;
import io.agreement.common.live.LiveConfiguration;
import io.agreement.common.schema.SchemaConfiguration;
import io.agreement.generate.GenerateCommand;
import io.agreement.generate.LiveLoadCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The backfill worker; {@code generate ...} as first argument runs the data generator instead, and
 * {@code live-load ...} the live-refresh benchmark's load.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({DeliveryConfiguration.class, SchemaConfiguration.class, LiveConfiguration.class})
public class WorkerApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("generate")) {
      System.exit(GenerateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("live-load")) {
      System.exit(LiveLoadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    exitZeroOnSigterm();
    SpringApplication.run(WorkerApplication.class, args);
  }

  /**
   * SIGTERM is the normal way to stop a worker (compose scale-down, Kubernetes): shut down
   * gracefully through the shutdown hooks, then report success instead of the signal's 143.
   */
  private static void exitZeroOnSigterm() {
    sun.misc.Signal.handle(
        new sun.misc.Signal("TERM"), signal -> new Thread(() -> System.exit(0)).start());
  }
}
