package io.agreement.generate;

import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.generate.GeneratorOptions;
import io.agreement.common.schema.SchemaConfiguration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code generate --projects 100 --tasks 1000 --annotators 3 --agreement 0.7}: migrates the
 * database, then fills the source tables with a new organization and prints its owner's token. It
 * lives outside the worker's package so the worker's component scan never picks it up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@Import(SchemaConfiguration.class)
public class GenerateCommand {

  public static int run(String[] args) {
    GeneratorOptions options;
    try {
      options = GeneratorOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("generate: " + e.getMessage());
      System.err.println(
          "usage: generate [--projects N] [--tasks N] [--annotators N] [--agreement 0..1]"
              + " [--broken N] [--seed N] [--organization TITLE] [--email EMAIL] [--token KEY]");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GenerateCommand.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.main.banner-mode=off",
                "spring.application.name=agreement-generate",
                "management.endpoint.health.validate-group-membership=false",
                "logging.level.root=warn")
            .run()) {
      long started = System.nanoTime();
      GeneratedOrganization org =
          new DataGenerator(context.getBean(DataSource.class)).generate(options);
      print(org, (System.nanoTime() - started) / 1_000_000);
      return 0;
    } catch (Exception e) {
      System.err.println("generate failed: " + e.getMessage());
      return 1;
    }
  }

  private static void print(GeneratedOrganization org, long millis) {
    System.out.printf(
        "organization_id=%d%nowner_email=%s%ntoken=%s%nprojects=%d (ids %s..%s)%n"
            + "tasks=%d%nannotations=%d%nseconds=%.1f%n",
        org.organizationId(),
        org.ownerEmail(),
        org.token(),
        org.projectIds().size(),
        org.projectIds().isEmpty() ? "-" : org.projectIds().get(0),
        org.projectIds().isEmpty() ? "-" : org.projectIds().get(org.projectIds().size() - 1),
        org.tasks(),
        org.annotations(),
        millis / 1000.0);
  }
}
