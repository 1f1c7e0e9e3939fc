#!/usr/bin/env bash
# Backfill benchmark on localhost: a fresh database filled by the generator, the API and
# WORKERS worker processes, one all_projects trigger, timed until every project is done.
#   scripts/benchmark.sh [PROJECTS] [TASKS_PER_PROJECT] [ANNOTATORS] [WORKERS]
# Defaults: 100 projects x 3334 tasks x 3 annotators = 1,000,200 annotations, 2 workers.
# KEEP_RUN=1 keeps the processes' logs in run/bench-<pid>/.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-100}; TASKS=${2:-3334}; ANNOTATORS=${3:-3}; WORKERS=${4:-2}
DB=agreement_bench_$$
PG_HOST=${PG_HOST:-127.0.0.1}
export SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:5432/$DB"
export AGREEMENT_QUEUE_NAME="agreement-bench-$$"
export SERVER_PORT=${BENCH_API_PORT:-18080}
export AGREEMENT_RUN_DIR="run/bench-$$"
TOKEN=bench$$
API="http://localhost:$SERVER_PORT"

[ -f api-module/target/agreement-api.jar ] && [ -f worker-module/target/agreement-worker.jar ] \
  || ./mvnw -B -q -DskipTests package
# Copies, so a rebuild while the benchmark runs cannot pull the jars from under the processes.
mkdir -p "$AGREEMENT_RUN_DIR"
cp api-module/target/agreement-api.jar worker-module/target/agreement-worker.jar "$AGREEMENT_RUN_DIR/"
export AGREEMENT_API_JAR="$AGREEMENT_RUN_DIR/agreement-api.jar"
export AGREEMENT_WORKER_JAR="$AGREEMENT_RUN_DIR/agreement-worker.jar"
psql -h "$PG_HOST" -U postgres -d test -qc "CREATE DATABASE $DB"
cleanup() {
  SERVER_PORT=$SERVER_PORT scripts/run-local.sh stop >/dev/null || true
  psql -h "$PG_HOST" -U postgres -d test -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  [ -n "${KEEP_RUN:-}" ] || rm -rf "$AGREEMENT_RUN_DIR"
  if command -v rabbitmqctl >/dev/null; then
    rabbitmqctl delete_queue -q "$AGREEMENT_QUEUE_NAME" >/dev/null 2>&1 || true
    rabbitmqctl delete_queue -q "$AGREEMENT_QUEUE_NAME.dead-letter" >/dev/null 2>&1 || true
    # No CLI command deletes an exchange; best effort through the broker's own function (3.x).
    for x in "$AGREEMENT_QUEUE_NAME" "$AGREEMENT_QUEUE_NAME.dlx"; do
      rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$x\">>), false, <<\"benchmark\">>)." >/dev/null 2>&1 || true
    done
  fi
}
trap cleanup EXIT

echo "== generating $PROJECTS projects x $TASKS tasks x $ANNOTATORS annotators"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$PROJECTS" --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds="

scripts/run-local.sh start "$WORKERS" >/dev/null
for _ in $(seq 1 120); do curl -sf "$API/actuator/health/readiness" >/dev/null && break; sleep 1; done
for i in $(seq 1 "$WORKERS"); do
  for _ in $(seq 1 120); do curl -sf "http://localhost:$((SERVER_PORT + i))/actuator/health/readiness" >/dev/null && break; sleep 1; done
done

echo "== backfilling with $WORKERS worker(s)"
start=$(date +%s.%N)
curl -sf -X POST "$API/api/dimensions/backfill/" -H "Authorization: Token $TOKEN" \
  -H 'Content-Type: application/json' -d '{"all_projects": true}' >/dev/null
peak_kb=0
while true; do
  status=$(curl -sf "$API/api/dimensions/backfill/status/" -H "Authorization: Token $TOKEN")
  done_count=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1])["org_status"]; print(s["completed"]+s["failed"])' "$status")
  for f in "$AGREEMENT_RUN_DIR"/worker-*.pid; do
    kb=$(awk '/VmHWM/ {print $2}' "/proc/$(cat "$f")/status" 2>/dev/null || echo 0)
    [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
  done
  [ "$done_count" -ge "$PROJECTS" ] && break
  sleep 0.5
done
end=$(date +%s.%N)
python3 - "$status" "$start" "$end" "$peak_kb" <<'PY'
import json, sys
s = json.loads(sys.argv[1]); took = float(sys.argv[3]) - float(sys.argv[2])
p = s["progress"]; o = s["org_status"]
print(f"projects completed={o['completed']} failed={o['failed']}")
print(f"tasks={p['tasks_processed']} annotations={p['annotations_processed']}")
print(f"wall seconds={took:.1f}  tasks/s={p['tasks_processed']/took:,.0f}  annotations/s={p['annotations_processed']/took:,.0f}")
print(f"peak worker RSS={int(sys.argv[4])/1024:.0f} MiB")
PY
