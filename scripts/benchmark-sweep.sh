#!/usr/bin/env bash
# The sweep's and the reconciliation's queries on a realistic Label Studio database, with EXPLAIN
# (ANALYZE, BUFFERS): 1,000,000 tasks (one project of 200,000, 80 of 10,000), 3 annotations each,
# every task scored (agreement.task_state as a refresh leaves it), 300 annotations edited in the
# last 20 s with their tasks bumped as Label Studio does. The queries are the service's own
# (LabelStudioChanges, printed from the compiled classes). The database is dropped at exit unless
# KEEP_DB=1.
#   scripts/benchmark-sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PG_HOST=${PG_HOST:-127.0.0.1}
DB=agreement_sweepbench_$$
P="psql -h $PG_HOST -U postgres -d $DB -v ON_ERROR_STOP=1"
[ -d common-module/target/classes/io ] || ./mvnw -B -q -pl common-module -DskipTests compile
psql -h "$PG_HOST" -U postgres -d test -qc "CREATE DATABASE $DB"
WORK=$(mktemp -d)
cleanup() {
  rm -rf "$WORK"
  [ -n "${KEEP_DB:-}" ] && { echo "kept database $DB"; return; }
  psql -h "$PG_HOST" -U postgres -d test -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cleanup EXIT

cat > "$WORK/Print.java" <<'JAVA'
import io.agreement.common.labelstudio.LabelStudioChanges;
public class Print {
  public static void main(String[] a) throws Exception {
    String s = (String) LabelStudioChanges.class.getField(a[0]).get(null);
    for (int i = 1; i < a.length; i++) s = s.replaceFirst("\\?", a[i]);
    System.out.println(s + ";");
  }
}
JAVA
query() { java -cp common-module/target/classes "$WORK/Print.java" "$@"; }

echo "== Label Studio 1.23's schema (with its BRIN index on task.updated_at)"
$P -q -f common-module/src/test/resources/labelstudio/label_studio_1_23_schema.sql
echo "== generating"
$P -q <<'SQL'
SET synchronous_commit = off;
INSERT INTO organization (title, created_at, updated_at) VALUES ('bench', now(), now());
INSERT INTO htx_user (password, is_superuser, username, email, first_name, last_name, is_staff,
  is_active, date_joined, last_activity, activity_at, phone, avatar, active_organization_id)
SELECT '!', false, 'u' || g, 'u' || g || '@x', '', '', false, true, now(), now(), now(), '', '', 1
FROM generate_series(1, 10) g;
INSERT INTO project (title, label_config, show_instruction, is_published, created_at, updated_at,
  show_skip_button, show_collab_predictions, overlap_cohort_percentage, show_overlap_first,
  result_count, organization_id, is_draft, enable_empty_annotation, maximum_annotations,
  min_annotations_to_start_training, show_annotation_history, show_ground_truth_first,
  evaluate_predictions_automatically, reveal_preannotations_interactively)
SELECT 'p' || g, '<View/>', false, false, now() - interval '30 days', now() - interval '30 days',
  true, true, 100, false, 0, 1, false, true, 3, 0, false, false, false, false
FROM generate_series(1, 81) g;
-- Tasks in creation order, updated_at following the heap order over 30 days.
INSERT INTO task (data, created_at, updated_at, is_labeled, project_id, overlap, inner_id,
  total_annotations, cancelled_annotations, total_predictions, comment_count,
  unresolved_comment_count)
SELECT '{"text":"t"}', ts, ts, true, p, 1, g, 3, 0, 0, 0, 0
FROM (SELECT g, CASE WHEN g <= 200000 THEN 1 ELSE 2 + (g - 200001) / 10000 END AS p,
             now() - interval '30 days' + g * interval '2.592 seconds' AS ts
      FROM generate_series(1, 1000000) g) x;
-- Three annotations per task, ~2% cancelled, ~1% ground truth.
INSERT INTO task_completion (result, was_cancelled, created_at, updated_at, task_id, result_count,
  completed_by_id, ground_truth, project_id, bulk_created)
SELECT '[]', random() < 0.02, t.updated_at, t.updated_at - a * interval '1.234567 second', t.id, 0,
  a, a = 1 AND random() < 0.03, t.project_id, false
FROM task t CROSS JOIN generate_series(1, 3) a ORDER BY t.id, a;
CREATE SCHEMA agreement;
-- As migration V10 creates them.
CREATE TABLE agreement.task_state (
    task_id        integer PRIMARY KEY,
    project_id     integer NOT NULL,
    annotation_ids integer[] NOT NULL,
    fingerprint    text NOT NULL,
    ratings        bytea NOT NULL
);
CREATE INDEX task_state_project_idx ON agreement.task_state (project_id, task_id);
CREATE INDEX task_state_annotations_idx ON agreement.task_state USING gin (annotation_ids);
CREATE TABLE agreement.project_source (project_id integer PRIMARY KEY, config_hash text NOT NULL,
  scored_at timestamptz NOT NULL, queued_hash text);
SQL
{ echo "INSERT INTO agreement.task_state SELECT f.task_id, f.project_id, '{}', f.fingerprint,"
  echo "  decode(repeat('ab', 60), 'hex') FROM project p, LATERAL ("
  query PROJECT_FINGERPRINTS p.id | sed 's/;$//; s/SELECT c.task_id,/SELECT c.task_id, p.id AS project_id,/'
  echo ") f(task_id, project_id, fingerprint);"; } > "$WORK/state.sql"
$P -q -f "$WORK/state.sql"
$P -q <<'SQL'
INSERT INTO agreement.project_source SELECT id, 'x', now(), NULL FROM project;
-- Recent activity as Label Studio saves it: 300 annotations edited, their tasks bumped.
UPDATE task_completion c SET updated_at = now() - random() * interval '20 seconds'
WHERE c.id IN (SELECT id FROM task_completion ORDER BY random() LIMIT 300);
UPDATE task t SET updated_at = now() - random() * interval '20 seconds'
WHERE t.id IN (SELECT task_id FROM task_completion WHERE updated_at > now() - interval '1 minute');
-- Changes that leave no timestamp: raw deletes in the large project, ground truth cleared in bulk.
DELETE FROM task_completion WHERE id IN (SELECT id FROM task_completion
  WHERE project_id = 1 ORDER BY id LIMIT 50 OFFSET 1000);
UPDATE task_completion SET ground_truth = false WHERE ground_truth AND project_id = 2;
VACUUM ANALYZE task; VACUUM ANALYZE task_completion; VACUUM ANALYZE agreement.task_state;
SQL
$P -Atc "SELECT 'tasks=' || (SELECT count(*) FROM task) || ' annotations=' || (SELECT count(*) FROM task_completion) || ' scored=' || (SELECT count(*) FROM agreement.task_state)"

explain() {
  echo "== $1"; shift
  { echo "EXPLAIN (ANALYZE, BUFFERS)"; query "$@"; } > "$WORK/q.sql"
  $P -f "$WORK/q.sql" | grep -E "^ *(->|Nested|Hash|Merge|Sort|Seq|Bitmap|Index|GroupAgg|Gather|Finalize|Aggregate)|Execution Time|rows=|Buffers: shared" | head -40
}
BOUND="CAST('$($P -Atc "SELECT max(updated_at) - interval '30 seconds' FROM task")' AS timestamptz)"
explain "sweep: the last 30 s (the overlap) of a 1M-task database" SWEEP "$BOUND"
explain "sweep: a day's backlog (~33,000 tasks)" SWEEP "now() - interval '1 day'"
explain "reconcile: the 200,000-task project" RECONCILE 1 1 true
explain "reconcile: a 10,000-task project" RECONCILE 2 2 true
echo "== reconcile: every project, one query each (81 projects, 1M tasks)"
{ echo '\timing on'; for p in $(seq 1 81); do query RECONCILE $p $p true | tr '\n' ' ' | sed 's/;.*/;/'; echo; done; } \
  > "$WORK/all.sql"
start=$(date +%s.%N)
$P -Aqt -f "$WORK/all.sql" > "$WORK/all.out"
echo "mismatching tasks=$(grep -cv '^Time' "$WORK/all.out") seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")"
