#!/usr/bin/env bash
# Backfill benchmark on localhost: a fresh database filled by the generator, the API and
# WORKERS worker processes, one all_projects trigger, timed from the trigger to the last job's
# COMPLETED. In the same run, PostgreSQL's own floors: streaming the annotations out in the order
# a backfill reads them (COPY TO), and storing the per-task rows the backfill wrote (binary COPY
# FROM into empty copies of the tables, their indexes included). Progress goes to stderr, the
# figures as key=value lines to stdout (benchmark.sh reads them).
#   scripts/benchmark-backfill.sh [PROJECTS] [TASKS_PER_PROJECT] [ANNOTATORS] [WORKERS]
# Defaults: 100 projects x 3334 tasks x 3 annotators = 1,000,200 annotations, 2 workers.
# WARMUP_PROJECTS=N first backfills N projects of 3334 tasks of another organization with the same
# workers, untimed: the timed backfill then runs on workers that have run jobs before, as a
# deployment's long-running workers do, instead of on freshly started JVMs still compiling.
# KEEP_DB=1 keeps the database, KEEP_RUN=1 the processes' logs (bench-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-100}; TASKS=${2:-3334}; ANNOTATORS=${3:-3}; WORKERS=${4:-2}
WARMUP_PROJECTS=${WARMUP_PROJECTS:-0}
BENCH_NAME=main BENCH_PORT=18080
. scripts/bench-env.sh

echo "== generating $PROJECTS projects x $TASKS tasks x $ANNOTATORS annotators" >&2
java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$PROJECTS" --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds=" >&2
# The timed projects: every figure below is of these alone.
psql_db "CREATE SCHEMA bench; CREATE TABLE bench.measured AS SELECT id FROM project"
MEASURED="SELECT id FROM bench.measured"
if [ "$WARMUP_PROJECTS" -gt 0 ]; then
  echo "== generating $WARMUP_PROJECTS warm-up projects in another organization" >&2
  java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$WARMUP_PROJECTS" --tasks 3334 \
    --annotators "$ANNOTATORS" --agreement 0.7 --organization "Warm-up" \
    --email "warmup-$$@bench.local" --token "warm$TOKEN" | grep -E "annotations=" >&2
fi

scripts/run-local.sh start "$WORKERS" >/dev/null
wait_ready "$SERVER_PORT" $(seq $((SERVER_PORT + 1)) $((SERVER_PORT + WORKERS)))

seconds_of() { # seconds_of COMMAND...: wall seconds the command took
  local t0; t0=$(date +%s.%N)
  "$@" >/dev/null
  python3 -c "print(round($(date +%s.%N) - $t0, 2))"
}

# Nothing of the generator's writes left for a checkpoint to flush during the measurements.
psql_db "CHECKPOINT"
# The read floor: PostgreSQL itself streaming the same annotations, in the backfill's order; the
# better of two runs (the first also warms the cache the backfill then finds warm too).
read_floor=
for _ in 1 2; do
  took=$(seconds_of psql -h "$PG_HOST" -U postgres -d "$DB" -qc "\\copy (SELECT t.id, c.id, c.completed_by_id, c.result FROM task t JOIN task_completion c ON c.task_id = t.id WHERE NOT c.was_cancelled AND t.project_id IN ($MEASURED) ORDER BY t.project_id, t.id, c.id) TO '/dev/null'")
  read_floor=$(python3 -c "print(min(x for x in [$took, ${read_floor:-$took}]))")
done

# CPU seconds (user + system) of the workers and of PostgreSQL's processes, whose pooled
# connections live through the run: where the time goes, on this machine's cores.
cpu_of() {
  local hz total=0 pid t; hz=$(getconf CLK_TCK)
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  python3 -c "print($total / $hz)"
}
worker_pids() { cat "$AGREEMENT_RUN_DIR"/worker-*.pid; }
postgres_pids() { pgrep -x postgres || pgrep postgres; }

# backfill_org TOKEN PROJECTS: triggers all of the token's organization's projects and waits for
# them, printing the final status. One watcher process, so that polling costs next to nothing.
backfill_org() {
  python3 - "$API" "$1" "$2" <<'PY'
import json, sys, time, urllib.request
api, token, projects = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(path, body=None):
    req = urllib.request.Request(api + path, data=body, headers={
        "Authorization": "Token " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.read()
call("/api/dimensions/backfill/", b'{"all_projects": true}')
while True:
    status = call("/api/dimensions/backfill/status/")
    o = json.loads(status)["org_status"]
    if o["completed"] + o["failed"] >= projects:
        print(status.decode())
        break
    time.sleep(0.2)
PY
}

if [ "$WARMUP_PROJECTS" -gt 0 ]; then
  echo "== warming the workers up: backfilling the $WARMUP_PROJECTS other projects" >&2
  backfill_org "warm$TOKEN" "$WARMUP_PROJECTS" >/dev/null
fi

echo "== backfilling with $WORKERS worker(s)" >&2
psql_db "CHECKPOINT"
workers_cpu0=$(cpu_of $(worker_pids)); postgres_cpu0=$(cpu_of $(postgres_pids))
iowait0=$(awk '/^cpu / {print $6}' /proc/stat)
start=$(date +%s.%N)
status=$(backfill_org "$TOKEN" "$PROJECTS")
# The end is the last job's completion as the database recorded it, not when the poll saw it.
end=$(psql_db "SELECT extract(epoch FROM max(completed_at)) FROM agreement.backfill_job WHERE project_id IN ($MEASURED)")
workers_cpu=$(python3 -c "print($(cpu_of $(worker_pids)) - $workers_cpu0)")
postgres_cpu=$(python3 -c "print($(cpu_of $(postgres_pids)) - $postgres_cpu0)")
iowait=$(python3 -c "print(($(awk '/^cpu / {print $6}' /proc/stat) - $iowait0) / $(getconf CLK_TCK))")
# VmHWM is each process's peak resident set since it started.
peak_kb=0
for pid in $(worker_pids); do
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
done
scripts/run-local.sh stop >/dev/null 2>&1

# The write floor: the per-task rows the backfill wrote, stored again by PostgreSQL alone into
# empty copies of their tables (indexes included), one binary COPY each, one after the other.
echo "== storing the backfill's per-task rows with COPY alone" >&2
write_floor=0
psql_db "CREATE SCHEMA floor"
for table in task_agreement task_pair_scores task_state; do
  file="$AGREEMENT_RUN_DIR/$table.copy"
  psql -h "$PG_HOST" -U postgres -d "$DB" -qc "\\copy (SELECT * FROM agreement.$table WHERE project_id IN ($MEASURED)) TO '$file' WITH (FORMAT binary)"
  psql_db "CREATE TABLE floor.$table (LIKE agreement.$table INCLUDING ALL)"
  took=$(seconds_of psql -h "$PG_HOST" -U postgres -d "$DB" -qc "\\copy floor.$table FROM '$file' WITH (FORMAT binary)")
  write_floor=$(python3 -c "print(round($write_floor + $took, 2))")
  rm -f "$file"
done

# The longest of the workers' warm-ups at start (before they were ready, so outside the timing).
warmup_ms=$(grep -ho "Warmed up on [0-9]* synthetic annotations in [0-9]* ms" \
  "$AGREEMENT_RUN_DIR"/worker-*.log 2>/dev/null | awk '{print $(NF-1)}' | sort -n | tail -1 || true)
python3 - "$status" "$start" "$end" "$peak_kb" "$read_floor" "$write_floor" "$workers_cpu" \
  "$postgres_cpu" "$iowait" "$WORKERS" "${warmup_ms:-0}" <<'PY'
import json, os, sys
s = json.loads(sys.argv[1]); took = float(sys.argv[3]) - float(sys.argv[2])
p = s["progress"]; o = s["org_status"]
read_floor, write_floor = float(sys.argv[5]), float(sys.argv[6])
w, pg = float(sys.argv[7]), float(sys.argv[8])
for key, value in [
    ("workers", sys.argv[10]),
    ("projects_completed", o["completed"]), ("projects_failed", o["failed"]),
    ("tasks", p["tasks_processed"]), ("annotations", p["annotations_processed"]),
    ("backfill_seconds", f"{took:.1f}"),
    ("annotations_per_second", f"{p['annotations_processed'] / took:.0f}"),
    ("read_floor_seconds", f"{read_floor:.1f}"),
    ("backfill_over_read_floor", f"{took / read_floor:.2f}"),
    ("write_floor_seconds", f"{write_floor:.1f}"),
    ("backfill_over_read_and_write_floor", f"{took / (read_floor + write_floor):.2f}"),
    ("peak_worker_rss_mib", f"{int(sys.argv[4]) / 1024:.0f}"),
    ("worker_cpu_seconds", f"{w:.1f}"), ("postgres_cpu_seconds", f"{pg:.1f}"),
    ("busy_cores", f"{(w + pg) / took:.2f}"), ("cores", os.cpu_count()),
    ("iowait_core_seconds", f"{float(sys.argv[9]):.1f}"),
    ("worker_warmup_seconds", f"{int(sys.argv[11]) / 1000:.1f}")]:
    print(f"{key}={value}")
PY
