# Sourced by the benchmark scripts: a fresh database and queue names of their own, copies of the
# jars (a rebuild meanwhile cannot pull them from under the processes), and, when the script
# exits, the processes stopped and all of it removed again.
#   BENCH_NAME=read BENCH_PORT=18090 . "$(dirname "$0")/bench-env.sh"
# KEEP_DB=1 keeps the database (for EXPLAIN ANALYZE), KEEP_RUN=1 the processes' logs in run/.
# A script may define bench_stop, called first at exit, for processes run-local does not know.
PG_HOST=${PG_HOST:-127.0.0.1}
DB=agreement_bench_${BENCH_NAME}_$$
export SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:5432/$DB"
export AGREEMENT_QUEUE_NAME="agreement-bench-$BENCH_NAME-$$"
export AGREEMENT_LIVE_QUEUE="$AGREEMENT_QUEUE_NAME-refresh"
export SERVER_PORT=${BENCH_API_PORT:-$BENCH_PORT}
export AGREEMENT_RUN_DIR="run/bench-$BENCH_NAME-$$"
TOKEN=bench${BENCH_NAME}$$
API="http://localhost:$SERVER_PORT"

[ -f api-module/target/agreement-api.jar ] && [ -f worker-module/target/agreement-worker.jar ] \
  || ./mvnw -B -q -DskipTests package
mkdir -p "$AGREEMENT_RUN_DIR"
cp api-module/target/agreement-api.jar worker-module/target/agreement-worker.jar "$AGREEMENT_RUN_DIR/"
export AGREEMENT_API_JAR="$AGREEMENT_RUN_DIR/agreement-api.jar"
export AGREEMENT_WORKER_JAR="$AGREEMENT_RUN_DIR/agreement-worker.jar"
psql -h "$PG_HOST" -U postgres -d test -qc "CREATE DATABASE $DB"

bench_cleanup() {
  if declare -F bench_stop >/dev/null; then bench_stop || true; fi
  SERVER_PORT=$SERVER_PORT scripts/run-local.sh stop >/dev/null 2>&1 || true
  if [ -n "${KEEP_DB:-}" ]; then
    echo "kept database $DB"
  else
    psql -h "$PG_HOST" -U postgres -d test -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  fi
  [ -n "${KEEP_RUN:-}" ] || rm -rf "$AGREEMENT_RUN_DIR"
  if command -v rabbitmqctl >/dev/null; then
    rabbitmqctl delete_queue -q "$AGREEMENT_QUEUE_NAME" >/dev/null 2>&1 || true
    rabbitmqctl delete_queue -q "$AGREEMENT_QUEUE_NAME.dead-letter" >/dev/null 2>&1 || true
    rabbitmqctl delete_queue -q "$AGREEMENT_LIVE_QUEUE" >/dev/null 2>&1 || true
    rabbitmqctl delete_queue -q "$AGREEMENT_LIVE_QUEUE.dead-letter" >/dev/null 2>&1 || true
    # No CLI command deletes an exchange; best effort through the broker's own function (3.x).
    for x in "$AGREEMENT_QUEUE_NAME" "$AGREEMENT_QUEUE_NAME.dlx" "$AGREEMENT_LIVE_QUEUE" "$AGREEMENT_LIVE_QUEUE.dlx"; do
      rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$x\">>), false, <<\"benchmark\">>)." >/dev/null 2>&1 || true
    done
  fi
}
trap bench_cleanup EXIT

psql_db() { psql -h "$PG_HOST" -U postgres -d "$DB" -qAtc "$1"; }

# wait_ready PORT...: until each process's readiness probe answers (at most 2 minutes each).
wait_ready() {
  for port in "$@"; do
    for _ in $(seq 1 120); do
      curl -sf "http://localhost:$port/actuator/health/readiness" >/dev/null && break
      sleep 1
    done
  done
}

# backfill_single_project: the API and one worker, then the database's one project backfilled;
# sets H (the auth header) and PROJECT, and prints the backfill's wall time.
backfill_single_project() {
  scripts/run-local.sh start 1 >/dev/null
  wait_ready "$SERVER_PORT" $((SERVER_PORT + 1))
  H="Authorization: Token $TOKEN"
  PROJECT=$(psql_db "SELECT min(id) FROM project")
  echo "== backfilling project $PROJECT"
  local start
  start=$(date +%s.%N)
  curl -sf -X POST "$API/api/dimensions/backfill/" -H "$H" -H 'Content-Type: application/json' \
    -d "{\"project_id\": $PROJECT}" >/dev/null
  until [ "$(curl -sf "$API/api/dimensions/backfill/status/?project_id=$PROJECT" -H "$H" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = COMPLETED ]; do sleep 1; done
  echo "backfill seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")"
}
