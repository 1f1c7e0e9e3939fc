package io.agreement.api.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The organization's live-refresh backlog as managers see it, counted from the marks of its own
 * live projects only; and each project summary's live fields.
 */
class RefreshStatusIT extends IntegrationTest {

  private static final String CONFIG =
      "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"sentiment\" toName=\"text\">"
          + "<Choice value=\"Positive\"/></Choices></View>";
  private static final String STATUS = "/api/agreement/refresh/status/";

  private GeneratedOrganization org;
  private ApiClient owner;
  private long first;
  private long second;

  @BeforeEach
  void organization() {
    org = data.organization(0, 0, 1, 0);
    owner = api(org.token());
    first = data.projectWithConfig(org.organizationId(), CONFIG);
    second = data.projectWithConfig(org.organizationId(), CONFIG);
  }

  private void mark(long project, long task, String age) {
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.dirty_task (project_id, task_id, source, marked_at)
            VALUES (:p, :t, 'webhook', clock_timestamp() - CAST(:age AS interval))
            """)
        .param("p", project)
        .param("t", task)
        .param("age", age)
        .update();
  }

  private void requested(long project) {
    data.jdbc()
        .sql("INSERT INTO agreement.refresh_request (project_id) VALUES (:p)")
        .param("p", project)
        .update();
  }

  @Nested
  class Backlog {

    @Test
    void counts_the_organizations_marks_and_the_oldest_ones_age() {
      mark(first, 11, "90 seconds");
      mark(first, 12, "5 seconds");
      mark(second, 13, "10 seconds");
      requested(first);
      GeneratedOrganization other = data.organization(0, 0, 1, 0);
      long foreign = data.projectWithConfig(other.organizationId(), CONFIG);
      mark(foreign, 14, "1 hour");
      requested(foreign);
      long deleted = data.projectWithConfig(org.organizationId(), CONFIG);
      mark(deleted, 15, "2 hours");
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :p")
          .param("p", deleted)
          .update();

      Response r = owner.get(STATUS);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      JsonNode body = r.body();
      assertThat(body.path("organization_id").asLong()).isEqualTo(org.organizationId());
      assertThat(body.path("dirty_tasks").asLong()).isEqualTo(3);
      assertThat(body.path("projects").asLong()).isEqualTo(2);
      assertThat(body.path("pending_refreshes").asLong()).isEqualTo(1);
      assertThat(body.path("oldest_mark_age_seconds").asDouble()).isCloseTo(90, within(5.0));
      Instant oldest = Instant.parse(body.path("oldest_marked_at").asString());
      Instant stored =
          data.jdbc()
              .sql(
                  "SELECT marked_at FROM agreement.dirty_task WHERE project_id = :p AND task_id = 11")
              .param("p", first)
              .query(java.sql.Timestamp.class)
              .single()
              .toInstant();
      assertThat(oldest).isEqualTo(stored);
    }

    @Test
    void without_marks_the_backlog_is_zero_and_the_oldest_mark_null() {
      JsonNode body = owner.get(STATUS).body();
      assertThat(body.path("dirty_tasks").asLong()).isZero();
      assertThat(body.path("projects").asLong()).isZero();
      assertThat(body.path("oldest_marked_at").isNull()).isTrue();
      assertThat(body.path("oldest_mark_age_seconds").isNull()).isTrue();
    }

    @Test
    void shows_the_sweeps_progress() {
      data.jdbc()
          .sql(
              """
              UPDATE agreement.sweep_state SET watermark = '2026-01-05T10:00:00.123456Z',
                  last_sweep_at = '2026-01-05T10:00:10Z', last_reconcile_at = '2026-01-05T09:55:00Z'
              WHERE id = 1
              """)
          .update();
      JsonNode body = owner.get(STATUS).body();
      assertThat(Instant.parse(body.path("watermark").asString()))
          .isEqualTo(Instant.parse("2026-01-05T10:00:00.123456Z"));
      assertThat(Instant.parse(body.path("last_sweep_at").asString()))
          .isEqualTo(Instant.parse("2026-01-05T10:00:10Z"));
      assertThat(Instant.parse(body.path("last_reconcile_at").asString()))
          .isEqualTo(Instant.parse("2026-01-05T09:55:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMINISTRATOR", "MANAGER"})
    void administrators_and_managers_may_read_it(String role) {
      mark(first, 11, "1 second");
      Response r = api(data.member(org.organizationId(), role)).get(STATUS);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("dirty_tasks").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REVIEWER", "ANNOTATOR"})
    void reviewers_and_annotators_may_not(String role) {
      Response r = api(data.member(org.organizationId(), role)).get(STATUS);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.detail()).contains("MANAGER").contains(role);
    }

    @Test
    void without_credentials_it_is_401() {
      assertThat(api(null).get(STATUS).status()).isEqualTo(401);
      assertThat(api(null).get("/api/agreement/refresh/status").status()).isEqualTo(401);
    }
  }

  @Nested
  class ProjectSummary {

    private JsonNode summary(long project) {
      Response r = owner.get("/api/projects/" + project + "/agreement/");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      return r.body();
    }

    private void results(long project, Long job, String refreshedAt) {
      data.jdbc()
          .sql(
              """
              INSERT INTO agreement.project_agreement (project_id, job_id, methodology, agreement,
                  tasks_scored, computed_at, stale, refreshed_at)
              VALUES (:p, :j, 'consensus', 0.5, 1, now(), false, CAST(:r AS timestamptz))
              """)
          .param("p", project)
          .param("j", job)
          .param("r", refreshedAt)
          .update();
    }

    private long completedJob(long project) {
      return data.jdbc()
          .sql(
              """
              INSERT INTO agreement.backfill_job (organization_id, project_id, status, completed_at)
              VALUES (:o, :p, 'COMPLETED', now()) RETURNING id
              """)
          .param("o", org.organizationId())
          .param("p", project)
          .query(Long.class)
          .single();
    }

    private JsonNode explored(long project) {
      return owner.get("/api/agreement/projects/" + project + "/").body();
    }

    @Test
    void a_project_never_scored_has_its_marks_pending_and_is_not_backfilled() {
      mark(first, 11, "1 second");
      mark(first, 12, "1 second");
      JsonNode body = summary(first);
      assertThat(body.path("backfilled").asBoolean()).isFalse();
      assertThat(body.path("refreshed_at").isNull()).isTrue();
      assertThat(body.path("pending_changes").asLong()).isEqualTo(2);
      assertThat(summary(second).path("pending_changes").asLong()).isZero();
    }

    @Test
    void a_project_refreshed_before_any_backfill_is_not_backfilled() {
      results(first, null, "2026-01-05T10:00:00Z");
      mark(first, 11, "1 second");
      JsonNode body = summary(first);
      assertThat(body.path("backfilled").asBoolean()).isFalse();
      assertThat(body.path("job_id").isNull()).isTrue();
      assertThat(body.path("agreement").asDouble()).isEqualTo(0.5);
      assertThat(Instant.parse(body.path("refreshed_at").asString()))
          .isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
      assertThat(body.path("pending_changes").asLong()).isEqualTo(1);
      assertThat(explored(first).path("backfilled").asBoolean()).isFalse();
    }

    @Test
    void a_backfilled_project_says_so() {
      long job = completedJob(first);
      results(first, job, null);
      JsonNode body = summary(first);
      assertThat(body.path("backfilled").asBoolean()).isTrue();
      assertThat(body.path("job_id").asLong()).isEqualTo(job);
      assertThat(body.path("refreshed_at").isNull()).isTrue();
      assertThat(body.path("pending_changes").asLong()).isZero();
      assertThat(explored(first).path("backfilled").asBoolean()).isTrue();
    }
  }
}
