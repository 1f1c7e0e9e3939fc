package io.agreement.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.live.DirtyMarks;
import io.agreement.testsupport.ProjectSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A worker process killed in the middle of a refresh (SPEC 9): its transaction dies with it, the
 * marks it took are still there, and the next worker refreshes them, to the numbers of a forced
 * backfill. The refresh is held mid-transaction, after it wrote its task rows, by a lock the test
 * takes on the project's config hash row, which a refresh writes last.
 */
class RefreshFailureIT extends IntegrationTest {

  private static final String BACKFILL = "/api/dimensions/backfill/";
  private static final Map<String, String> WORKER =
      Map.of("AGREEMENT_LIVE_SWEEP_ENABLED", "false", "AGREEMENT_WORKER_LEASE", "4s");

  @Autowired DirtyMarks marks;

  @Test
  void a_worker_killed_mid_refresh_loses_no_mark_and_the_next_one_refreshes_them()
      throws Exception {
    GeneratedOrganization org = data.organization(1, 30, 3, 0);
    ApiClient owner = api(org.token());
    long project = org.projectIds().get(0);
    List<Long> tasks =
        data.jdbc()
            .sql("SELECT id FROM task WHERE project_id = ? ORDER BY id LIMIT 3")
            .param(project)
            .query(Long.class)
            .list();
    try (WorkerProcess victim = WorkerProcess.start(ENV, "victim", WORKER)) {
      backfill(owner, project);
      // What Label Studio does on an edit: a new result and updated_at, the task bumped.
      data.jdbc()
          .sql(
              "UPDATE task_completion SET result = '[]'::jsonb, updated_at = clock_timestamp()"
                  + " WHERE task_id = ANY(CAST(? AS integer[]))")
          .param("{" + tasks.get(0) + "," + tasks.get(1) + "}")
          .update();
      try (Connection lock = dataSource.getConnection()) {
        lock.setAutoCommit(false);
        try (PreparedStatement ps =
            lock.prepareStatement(
                "SELECT 1 FROM agreement.project_source WHERE project_id = ? FOR UPDATE")) {
          ps.setLong(1, project);
          ps.executeQuery();
        }
        marks.mark(project, tasks, DirtyMarks.Source.WEBHOOK);
        await().atMost(Duration.ofSeconds(30)).until(() -> refreshWaitsOnTheLock());
        victim.kill();
        lock.rollback();
      }
    }
    assertThat(dirty(project)).as("the killed refresh's marks").isEqualTo(3);
    assertThat(taskState(tasks.get(0)))
        .as("nothing of the killed refresh was committed")
        .isNotEqualTo(fingerprint(tasks.get(0)));

    try (WorkerProcess next = WorkerProcess.start(ENV, "next", WORKER)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> dirty(project) == 0);
      assertThat(taskState(tasks.get(0))).isEqualTo(fingerprint(tasks.get(0)));
      ProjectSnapshot refreshed = ProjectSnapshot.of(data.jdbc(), project);
      backfill(owner, project);
      refreshed.assertSameNumbersAs(ProjectSnapshot.of(data.jdbc(), project));
    }
  }

  private boolean refreshWaitsOnTheLock() {
    return data.jdbc()
            .sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%agreement.project_source%' AND datname = current_database()")
            .query(Long.class)
            .single()
        > 0;
  }

  private void backfill(ApiClient owner, long project) {
    long job =
        owner.post(BACKFILL, "{\"project_id\": " + project + ", \"force\": true}").firstJobId();
    await().atMost(Duration.ofSeconds(60)).until(() -> data.jobStatus(job).equals("COMPLETED"));
  }

  private int dirty(long project) {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.dirty_task WHERE project_id = ?")
        .param(project)
        .query(Integer.class)
        .single();
  }

  private String taskState(long task) {
    return data.jdbc()
        .sql("SELECT fingerprint FROM agreement.task_state WHERE task_id = ?")
        .param(task)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Label Studio's own fingerprint of the task now. */
  private String fingerprint(long task) {
    return data.jdbc()
        .sql(
            "SELECT "
                + io.agreement.common.labelstudio.LabelStudioChanges.FINGERPRINT
                + " FROM task_completion c WHERE c.task_id = ? AND c.was_cancelled IS NOT TRUE")
        .param(task)
        .query(String.class)
        .single();
  }
}
