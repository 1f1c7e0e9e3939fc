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
import org.springframework.jdbc.core.simple.JdbcClient;

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
      DataSource dataSource = context.getBean(DataSource.class);
      GeneratedOrganization org = new DataGenerator(dataSource).generate(options);
      print(org, (System.nanoTime() - started) / 1_000_000);
      printReadme(org, firstTask(dataSource, org));
      return 0;
    } catch (Exception e) {
      System.err.println("generate failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The variables the README's examples use, with this organization's real ids: its first project
   * (never one of the broken ones) and that project's first task.
   */
  private static void printReadme(GeneratedOrganization org, Long task) {
    if (org.projectIds().isEmpty()) {
      return;
    }
    System.out.printf(
        "%n# Paste to follow the README's examples (tags of every project: sentiment, entities):%n"
            + "export TOKEN=%s PROJECT=%d TASK=%s%n"
            + "export H=\"Authorization: Token $TOKEN\"%n",
        org.token(), org.projectIds().get(0), task == null ? "none" : task);
  }

  private static Long firstTask(DataSource dataSource, GeneratedOrganization org) {
    if (org.projectIds().isEmpty()) {
      return null;
    }
    return JdbcClient.create(dataSource)
        .sql("SELECT min(id) FROM task WHERE project_id = :project")
        .param("project", org.projectIds().get(0))
        .query(Long.class)
        .optional()
        .orElse(null);
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
