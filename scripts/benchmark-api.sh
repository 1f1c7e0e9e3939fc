#!/usr/bin/env bash
# API latency at scale on localhost (SPEC 11): an organization of PROJECTS projects with
# JOBS_PER_PROJECT backfill jobs each in its history, the API alone (no worker), and each call
# timed sequentially over one keep-alive connection (curl with many URLs reuses it).
#   scripts/benchmark-api.sh [PROJECTS] [JOBS_PER_PROJECT] [REQUESTS]
# Defaults: 10,000 projects x 10 jobs = 100,000 jobs, 300 timed requests per call after 50.
# KEEP_DB=1 keeps the database (for EXPLAIN ANALYZE), KEEP_RUN=1 the API's log (bench-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10000}; JOBS=${2:-10}; REQUESTS=${3:-300}; WARMUP=50
BENCH_NAME=api BENCH_PORT=18090
. scripts/bench-env.sh
api_pid=
bench_stop() { [ -z "$api_pid" ] || { kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; }; }

echo "== $PROJECTS projects with $JOBS jobs each"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$PROJECTS" --tasks 1 --annotators 2 \
  --token "$TOKEN" | grep -E "seconds=" || true
# The history: finished jobs, then each project's latest one (mostly COMPLETED, some FAILED,
# CANCELLED and a few QUEUED), with progress as workers leave it.
psql -h "$PG_HOST" -U postgres -d "$DB" -q <<SQL
INSERT INTO agreement.backfill_job (organization_id, project_id, status, attempts, error_message,
    progress, triggered_by, trigger_mode, created_at, queued_at, started_at, completed_at)
SELECT p.organization_id, p.id,
       CASE WHEN n < $JOBS THEN (ARRAY['COMPLETED', 'FAILED', 'CANCELLED'])[1 + n % 3]
            WHEN p.id % 50 = 0 THEN 'QUEUED'
            WHEN p.id % 10 = 1 THEN 'FAILED'
            WHEN p.id % 10 = 2 THEN 'CANCELLED'
            ELSE 'COMPLETED' END,
       1, CASE WHEN n % 3 = 1 THEN 'Invalid label config: not well-formed' END,
       '{"tasks_total": 1, "tasks_processed": 1, "annotations_processed": 2, "matrices_created": 1}',
       p.created_by_id, 'num_projects',
       now() - (($JOBS - n) || ' hours')::interval, now(), now(), now()
FROM project p CROSS JOIN generate_series(1, $JOBS) n
ORDER BY n, p.id;
-- As autovacuum leaves the tables within a minute of such a load (a history is not an instant):
-- the dead row versions of the per-project tables the inserts' triggers kept updating cleaned
-- up, and the jobs' pages marked all-visible, as index-only scans of the job indexes need.
VACUUM ANALYZE;
SQL
psql -h "$PG_HOST" -U postgres -d "$DB" -Atc "SELECT count(*) || ' jobs' FROM agreement.backfill_job"

java -jar "$AGREEMENT_API_JAR" >> "$AGREEMENT_RUN_DIR/api.log" 2>&1 &
api_pid=$!
wait_ready "$SERVER_PORT"
project=$(psql -h "$PG_HOST" -U postgres -d "$DB" -Atc "SELECT max(id) / 2 FROM project")
job=$(psql -h "$PG_HOST" -U postgres -d "$DB" -Atc "SELECT max(id) / 2 FROM agreement.backfill_job")

# time METHOD PATH [BODY]: p50 and p99 of REQUESTS sequential calls on one connection.
time_call() {
  local method=$1 path=$2 body=${3:-}
  local args=(-s -H "Authorization: Token $TOKEN" -X "$method")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  local urls=()
  for _ in $(seq 1 $((WARMUP + REQUESTS))); do urls+=(-o /dev/null "$API$path"); done
  curl "${args[@]}" -w '%{http_code} %{time_total}\n' "${urls[@]}" | tail -n "$REQUESTS" \
    | python3 -c '
import sys
rows = [l.split() for l in sys.stdin]
codes = sorted({r[0] for r in rows}); t = sorted(float(r[1]) * 1000 for r in rows)
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print("| %s | %.1f | %.1f | %s |" % (sys.argv[1], p(0.5), p(0.99), "/".join(codes)))' "$method $path"
}
echo "| call | p50 ms | p99 ms | status |"
echo "| --- | --- | --- | --- |"
time_call GET "/api/dimensions/backfill/status/"
time_call GET "/api/dimensions/backfill/status/?project_id=$project"
time_call GET "/api/dimensions/backfill/status/?job_id=$job"
time_call GET "/api/dimensions/backfill/jobs/"
time_call GET "/api/dimensions/backfill/jobs/?status=FAILED&page=50"
time_call GET "/api/dimensions/backfill/jobs/?project_id=$project"
time_call GET "/api/projects/$project/dimensions/"
time_call POST "/api/dimensions/backfill/" '{"num_projects": 10}'
