#!/usr/bin/env bash
# Runs the API and N workers as plain java -jar processes against PostgreSQL and RabbitMQ on
# localhost (no Docker). Usage:
#   scripts/run-local.sh start [WORKERS]   build if needed, start the API and WORKERS workers (default 2)
#   scripts/run-local.sh stop              SIGTERM every process, wait for graceful exit
#   scripts/run-local.sh status            list the running processes
# Configuration comes from the usual environment variables (SPRING_DATASOURCE_URL, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${AGREEMENT_RUN_DIR:-run}
API_JAR=${AGREEMENT_API_JAR:-api-module/target/agreement-api.jar}
WORKER_JAR=${AGREEMENT_WORKER_JAR:-worker-module/target/agreement-worker.jar}

start() {
  local workers=${1:-2} api_port=${SERVER_PORT:-8080}
  [ -f "$API_JAR" ] && [ -f "$WORKER_JAR" ] || ./mvnw -B -q -DskipTests package
  mkdir -p "$RUN_DIR"
  launch api "$API_JAR"
  for i in $(seq 1 "$workers"); do
    AGREEMENT_WORKER_ID=${AGREEMENT_WORKER_ID_PREFIX:-$(hostname)}-worker-$i AGREEMENT_INSTANCE=worker-$i \
      SERVER_PORT=$((api_port + i)) launch "worker-$i" "$WORKER_JAR"
  done
  echo "API on http://localhost:$api_port, workers' metrics on ports $((api_port + 1))..$((api_port + workers))"
  echo "logs and pids in $RUN_DIR/"
}

launch() {
  local name=$1 jar=$2
  nohup java ${JAVA_OPTS:-} -jar "$jar" > "$RUN_DIR/$name.log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
  echo "started $name (pid $!)"
}

stop() {
  local pids=()
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || continue
    local pid; pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; pids+=("$pid"); fi
    rm -f "$f"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { echo "pid $pid did not stop in 90 s, killing it"; kill -KILL "$pid"; }
  done
  echo "stopped ${#pids[@]} process(es)"
}

status() {
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || { echo "nothing running"; return; }
    local pid; pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$f" .pid): running (pid $pid)"; else echo "$(basename "$f" .pid): dead"; fi
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [WORKERS] | stop | status" >&2; exit 2 ;;
esac
