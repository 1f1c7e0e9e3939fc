package io.agreement.api.docs;

import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.PersonalAccessTokens;
import io.agreement.api.support.TestData;
import io.agreement.common.generate.GeneratedOrganization;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the example requests of {@link ApiExamples} refer to: an organization with a backfilled
 * project (a completed job and its results), a project never backfilled, one whose label config
 * cannot be read, an annotator, and a project of another organization.
 *
 * @param project backfilled: results, a COMPLETED job {@code job}, its first task {@code task}
 * @param fresh never backfilled
 * @param broken a label config that is not well-formed
 * @param foreignProject a project of another organization (answers like a missing one)
 * @param pat a personal access token of the organization's owner
 */
record ContractFixture(
    GeneratedOrganization org,
    String annotatorToken,
    long project,
    long fresh,
    long broken,
    long task,
    long job,
    long foreignProject,
    String pat) {

  static ContractFixture create(TestData data) {
    GeneratedOrganization org = data.organization(2, 2, 2, 0);
    GeneratedOrganization other = data.organization(1, 1, 1, 0);
    long project = org.projectIds().get(0);
    JdbcClient jdbc = data.jdbc();
    long task =
        jdbc.sql("SELECT min(id) FROM task WHERE project_id = :p")
            .param("p", project)
            .query(Long.class)
            .single();
    long job =
        jdbc.sql(
                """
                INSERT INTO agreement.backfill_job (organization_id, project_id, status, attempts,
                    worker_id, queued_at, started_at, completed_at, progress)
                VALUES (:o, :p, 'COMPLETED', 1, 'contract', now(), now(), now(),
                    '{"tasks_total": 2, "tasks_processed": 2}')
                RETURNING id
                """)
            .param("o", org.organizationId())
            .param("p", project)
            .query(Long.class)
            .single();
    writeResults(jdbc, project, job, task, org.annotatorIds().get(0));
    return new ContractFixture(
        org,
        data.member(org.organizationId(), "ANNOTATOR"),
        project,
        org.projectIds().get(1),
        data.projectWithConfig(org.organizationId(), "<View><Choices name=\"x\" toName="),
        task,
        job,
        other.projectIds().get(0),
        new PersonalAccessTokens(jdbc, IntegrationTest.LABEL_STUDIO_SECRET).create(org.ownerId()));
  }

  private static void writeResults(JdbcClient jdbc, long project, long job, long task, long user) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_agreement
                (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
            VALUES (:p, :job, 'consensus', 0.75, 1, now(), false);
            INSERT INTO agreement.project_tag_agreement (project_id, control_tag, tag_type, metric,
                threshold, weight, agreement, tasks_scored, krippendorff_alpha, alpha_level, position)
            VALUES (:p, 'sentiment', 'Choices', 'exact_match', 0.5, 1, 1.0, 1, NULL, 'nominal', 0),
                   (:p, 'entities', 'Labels', 'span_overlap', 0.5, 1, 0.5, 1, NULL, NULL, 1);
            INSERT INTO agreement.task_agreement
                (task_id, project_id, agreement, annotations, tag_scores, computed_at)
            VALUES (:t, :p, 0.75, 2, ARRAY[1.0, 0.5], now());
            INSERT INTO agreement.annotator_agreement (project_id, user_id, score_sum, pairs)
            VALUES (:p, :u, 0.75, 1);
            INSERT INTO agreement.task_pair_scores (task_id, project_id, ground_truth, user_ids,
                pair_ann_a, pair_ann_b, pair_user_a, pair_user_b, pair_score, tag_count,
                tag_scores, label_pair, label_name, label_score)
            SELECT :t, :p, NULL, array_agg(completed_by_id ORDER BY id), ARRAY[min(id)],
                   ARRAY[max(id)], ARRAY[min(completed_by_id)], ARRAY[max(completed_by_id)],
                   ARRAY[0.75], 2, ARRAY[1.0, 0.5], '{}', '{}', '{}'
            FROM task_completion WHERE task_id = :t;
            """)
        .param("p", project)
        .param("job", job)
        .param("t", task)
        .param("u", user)
        .update();
  }

  String token() {
    return org.token();
  }
}
