#!/usr/bin/env bash
# Runs the API and N workers as plain java -jar processes against PostgreSQL and RabbitMQ on
# localhost (no Docker). Usage:
#   scripts/run-local.sh start [WORKERS]   build if needed, start the API and WORKERS workers (default 2),
#                                          wait until each one is ready, print the URLs
#   scripts/run-local.sh scale N           add or remove workers until N run (removed ones stop gracefully)
#   scripts/run-local.sh stop              SIGTERM every process, wait for graceful exit
#   scripts/run-local.sh status            list the processes and whether they are ready
# Configuration comes from the usual environment variables (SPRING_DATASOURCE_URL, ...; JAVA_OPTS for
# every process, WORKER_JAVA_OPTS for the workers only, e.g. -Xmx128m). Workers run the serial
# collector, as in docker-compose.yml and Kubernetes; WORKER_GC names another (WORKER_GC= for the
# JVM's own choice, WORKER_GC=-XX:+UseG1GC). Each process appends to its own log,
# run/<name>.log, which no restart truncates.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${AGREEMENT_RUN_DIR:-run}
API_JAR=${AGREEMENT_API_JAR:-api-module/target/agreement-api.jar}
WORKER_JAR=${AGREEMENT_WORKER_JAR:-worker-module/target/agreement-worker.jar}
API_PORT=${SERVER_PORT:-8080}
READY_TIMEOUT=${AGREEMENT_READY_TIMEOUT:-180}
HOST=$(hostname)

start() {
  local workers=${1:-2}
  if [ -n "$(running)" ]; then
    echo "already running: $(running | tr '\n' ' ')" >&2
    echo "use '$0 scale N' to change the number of workers, or '$0 stop' first" >&2
    exit 1
  fi
  [ -f "$API_JAR" ] && [ -f "$WORKER_JAR" ] || ./mvnw -B -q -DskipTests package
  mkdir -p "$RUN_DIR"
  AGREEMENT_INSTANCE=${AGREEMENT_INSTANCE:-$HOST:$API_PORT} SERVER_PORT=$API_PORT launch api "$API_JAR"
  # Workers wait for the API's migrations, so they do not all run Flyway's checks at once.
  await api "$API_PORT"
  for i in $(seq 1 "$workers"); do launch_worker "$i"; done
  for i in $(seq 1 "$workers"); do await "worker-$i" "$(worker_port "$i")"; done
  urls
}

scale() {
  local target=${1:?usage: $0 scale N}
  [ -n "$(pid_of api)" ] || { echo "the API is not running; use '$0 start $target'" >&2; exit 1; }
  local current; current=$(running | grep -c '^worker-' || true)
  local i
  for i in $(seq 1 "$target"); do
    [ -n "$(pid_of "worker-$i")" ] || { launch_worker "$i"; await "worker-$i" "$(worker_port "$i")"; }
  done
  for name in $(running | grep '^worker-' | sort -t- -k2 -n); do
    [ "${name#worker-}" -gt "$target" ] && stop_one "$name"
  done
  echo "workers: $current -> $(running | grep -c '^worker-' || true)"
}

worker_port() { echo $((API_PORT + $1)); }

launch_worker() {
  local i=$1 port; port=$(worker_port "$1")
  AGREEMENT_WORKER_ID=${AGREEMENT_WORKER_ID_PREFIX:-$HOST}-worker-$i AGREEMENT_INSTANCE=$HOST:$port \
    SERVER_PORT=$port JAVA_OPTS="${WORKER_GC--XX:+UseSerialGC} ${JAVA_OPTS:-} ${WORKER_JAVA_OPTS:-}" \
    launch "worker-$i" "$WORKER_JAR"
}

launch() {
  local name=$1 jar=$2 log="$RUN_DIR/$1.log"
  echo "==== $(date -u +%FT%TZ) starting $name" >> "$log"
  nohup java ${JAVA_OPTS:-} -jar "$jar" >> "$log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
  echo "started $name (pid $!, log $log)"
}

# Waits until the process answers its readiness probe; a process that exits meanwhile is an error.
await() {
  local name=$1 port=$2 started=$SECONDS
  printf 'waiting for %s on :%s ' "$name" "$port"
  until curl -fsS -o /dev/null "http://localhost:$port/actuator/health/readiness" 2>/dev/null; do
    if [ -z "$(pid_of "$name")" ]; then
      echo "exited; the end of $RUN_DIR/$name.log:" >&2
      tail -n 20 "$RUN_DIR/$name.log" >&2
      exit 1
    fi
    if [ $((SECONDS - started)) -ge "$READY_TIMEOUT" ]; then
      echo "not ready after ${READY_TIMEOUT}s; see $RUN_DIR/$name.log" >&2
      exit 1
    fi
    printf '.'
    sleep 1
  done
  echo " ready after $((SECONDS - started))s"
}

urls() {
  local workers; workers=$(running | grep -c '^worker-' || true)
  echo "API:      http://localhost:$API_PORT (OpenAPI UI http://localhost:$API_PORT/docs)"
  echo "metrics:  http://localhost:$API_PORT/actuator/prometheus, workers on ports $((API_PORT + 1))..$((API_PORT + workers))"
  echo "logs and pids in $RUN_DIR/"
}

# The pid of a process of ours that is alive, or nothing.
pid_of() {
  local f="$RUN_DIR/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

running() {
  local f
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || continue
    local name; name=$(basename "$f" .pid)
    [ -n "$(pid_of "$name")" ] && echo "$name"
  done
  return 0
}

stop_one() {
  local name=$1 pid; pid=$(pid_of "$1")
  rm -f "$RUN_DIR/$name.pid"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid"
  local _
  for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then echo "$name (pid $pid) did not stop in 90 s, killing it"; kill -KILL "$pid"; fi
  echo "stopped $name (pid $pid)"
}

stop() {
  local names; names=$(running)
  # Workers first, so none is left without the API's relay; all of them in parallel.
  local name
  for name in $(echo "$names" | grep '^worker-' || true); do stop_one "$name" & done
  wait
  [ -z "$(echo "$names" | grep -x api || true)" ] || stop_one api
  rm -f "$RUN_DIR"/*.pid
  echo "stopped $(echo "$names" | grep -c . || true) process(es)"
}

status() {
  local f any=
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || continue
    any=1
    local name; name=$(basename "$f" .pid)
    local port=$API_PORT
    [ "$name" = api ] || port=$(worker_port "${name#worker-}")
    if [ -z "$(pid_of "$name")" ]; then
      echo "$name: dead (see $RUN_DIR/$name.log)"
    elif curl -fsS -o /dev/null "http://localhost:$port/actuator/health/readiness" 2>/dev/null; then
      echo "$name: ready (pid $(pid_of "$name"), :$port)"
    else
      echo "$name: starting (pid $(pid_of "$name"), :$port)"
    fi
  done
  [ -n "$any" ] || echo "nothing running"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  scale) scale "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [WORKERS] | scale N | stop | status" >&2; exit 2 ;;
esac
