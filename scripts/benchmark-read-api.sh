#!/usr/bin/env bash
# Read-API benchmark on localhost: a fresh database with one project of TASKS tasks, each
# annotated by every one of ANNOTATORS annotators (every 10th annotation flagged ground truth),
# backfilled by one worker; then each of Label Studio Enterprise's agreement calls is timed
# sequentially over one keep-alive connection, printing p50 and p99 per call.
#   scripts/benchmark-read-api.sh [TASKS] [ANNOTATORS] [REQUESTS_PER_CALL]
# Defaults: 100,000 tasks x 10 annotators (1,000,000 annotations), 500 requests per call.
# KEEP_RUN=1 keeps the processes' logs in run/bench-read-<pid>/.
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-100000}; ANNOTATORS=${2:-10}; REQUESTS=${3:-500}; WARMUP=100
BENCH_NAME=read BENCH_PORT=18090
. scripts/bench-env.sh

echo "== generating 1 project x $TASKS tasks x $ANNOTATORS annotators"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects 1 --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds="
psql_db "UPDATE task_completion SET ground_truth = true WHERE id % 10 = 0; ANALYZE task_completion"

backfill_single_project
psql_db "VACUUM ANALYZE"

P="$API/api/projects/$PROJECT"
DIM=$(curl -sf "$P/dimensions/" -H "$H" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
USERS=$(psql_db "SELECT string_agg(user_id::text, ',' ORDER BY user_id) FROM agreement.annotator_agreement WHERE project_id = $PROJECT")
USER=${USERS%%,*}
TASK=$(psql_db "SELECT task_id FROM agreement.task_pair_scores WHERE project_id = $PROJECT AND ground_truth IS NOT NULL ORDER BY task_id LIMIT 1 OFFSET 500")
SOME_TASKS=$(psql_db "SELECT string_agg(task_id::text, ',') FROM (SELECT task_id FROM agreement.task_agreement WHERE project_id = $PROJECT ORDER BY task_id LIMIT 20 OFFSET 1000) t")
Q='selection%5Bannotators%5D%5Ball%5D=true&selection%5Bground_truth%5D=true'
CALLS=(
  "dimensions.list|$P/dimensions/"
  "dimensions.get|$P/dimensions/$DIM/"
  "stats.iaa|$P/stats/IAA"
  "stats.iaa std|$P/stats/IAA?std=true"
  "stats.iaa per_label|$P/stats/IAA?per_label=true&std=true"
  "stats.iaa task=20 tasks|$P/stats/IAA?task=$SOME_TASKS"
  "stats.agreement_annotators|$P/stats/agreement_annotators?ids=$USERS"
  "stats.agreement_annotator|$P/stats/agreement_annotator/$USER"
  "stats.total_agreement|$P/stats/total_agreement"
  "stats.total_agreement per_label|$P/stats/total_agreement?per_label=true"
  "stats.agreement-groundtruth|$P/stats/agreement-groundtruth?ids=$USERS"
  "stats.agreement-groundtruth per_label|$P/stats/agreement-groundtruth?ids=$USERS&per_label=true"
  "stats.user agreement-groundtruth|$P/users/$USER/stats/agreement-groundtruth"
  "tasks.agreement_matrix|$P/tasks/$TASK/agreement-matrix?$Q"
  "tasks.agreement_matrix dimension|$P/tasks/$TASK/agreement-matrix?$Q&dimension=$DIM"
  "data-quality dimensions|$P/analytics/data-quality/agreement-analysis/dimensions"
  "data-quality confusion all|$P/analytics/data-quality/agreement-analysis/confusion-matrix?from_name=sentiment&mode=all"
  "data-quality confusion gt|$P/analytics/data-quality/agreement-analysis/confusion-matrix?from_name=sentiment&mode=ground_truth"
  "data-quality distribution|$P/analytics/data-quality/agreement-analysis/distribution"
)

echo "== $REQUESTS sequential requests per call over one keep-alive connection (after $WARMUP warm-up)"
printf '%-40s %8s %8s %8s\n' call p50_ms p99_ms max_ms
for entry in "${CALLS[@]}"; do
  name=${entry%%|*}; url=${entry#*|}
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url" -H "$H")
  [ "$status" = 200 ] || { echo "$name: HTTP $status for $url"; continue; }
  config="$AGREEMENT_RUN_DIR/curl.cfg"
  : > "$config"
  for _ in $(seq 1 $((WARMUP + REQUESTS))); do printf 'url = "%s"\noutput = /dev/null\n' "$url" >> "$config"; done
  curl -s -K "$config" -H "$H" -w '%{time_total}\n' | tail -n "$REQUESTS" | python3 -c '
import sys
name = sys.argv[1]
t = sorted(float(x) * 1000 for x in sys.stdin)
q = lambda p: t[min(len(t) - 1, int(round(p * (len(t) - 1))))]
print(f"{name:<40} {q(0.5):8.2f} {q(0.99):8.2f} {t[-1]:8.2f}")' "$name"
done
