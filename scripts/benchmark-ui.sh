#!/usr/bin/env bash
# Explorer benchmark on localhost: a fresh database with one project of TASKS tasks and ANNOTATORS
# annotators, each task keeping a random ~KEEP share of its annotations (every pair of annotators
# then shares tasks), backfilled by one worker; then headless Chromium opens the project page
# cold and warm, RUNS times each, and prints how long each took until every chart was drawn.
#   scripts/benchmark-ui.sh [TASKS] [ANNOTATORS] [KEEP]
# Defaults: 100,000 tasks x 50 annotators, keeping 8% (about 4 annotations a task).
# Needs chromium and chromium-driver (Debian). KEEP_RUN=1 keeps logs in run/bench-ui-<pid>/.
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-100000}; ANNOTATORS=${2:-50}; KEEP=${3:-0.08}
BENCH_NAME=ui BENCH_PORT=18095
export LABEL_STUDIO_URL=${LABEL_STUDIO_URL:-http://label-studio.example}
. scripts/bench-env.sh

echo "== generating 1 project x $TASKS tasks x $ANNOTATORS annotators, keeping $KEEP of the annotations"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects 1 --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds="
psql_db "SELECT setseed(0.42); DELETE FROM task_completion WHERE random() >= $KEEP" >/dev/null
psql_db "VACUUM ANALYZE task_completion"
echo "annotations kept=$(psql_db 'SELECT count(*) FROM task_completion')"

backfill_single_project
curl -sf "$API/api/projects/$PROJECT/agreement/" -H "$H" \
  | python3 -c 'import json,sys; s=json.load(sys.stdin); print("tasks scored=%s annotators=%d agreement=%.3f" % (s["tasks_scored"], len(s["annotators"]), s["agreement"]))'
for call in "agreement/" "stats/IAA" "analytics/data-quality/agreement-analysis/distribution"; do
  curl -s -o /dev/null -w "GET $call: %{size_download} bytes in %{time_total} s\n" "$API/api/projects/$PROJECT/$call" -H "$H"
done

echo "== timing the project page in headless Chromium"
./mvnw -B -o -pl api-module -am verify -DskipTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ExplorerTiming -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dexplorer.url="$API" -Dexplorer.token="$TOKEN" -Dexplorer.project="$PROJECT" 2>&1 \
  | grep -E "project page|Tests run|FAIL|expected|Expecting" || true
echo "screenshot: api-module/target/screenshots/benchmark-project.png"
