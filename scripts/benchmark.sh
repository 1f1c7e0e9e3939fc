#!/usr/bin/env bash
# Backfill benchmark on localhost: a fresh database filled by the generator, the API and
# WORKERS worker processes, one all_projects trigger, timed until every project is done.
#   scripts/benchmark.sh [PROJECTS] [TASKS_PER_PROJECT] [ANNOTATORS] [WORKERS]
# Defaults: 100 projects x 3334 tasks x 3 annotators = 1,000,200 annotations, 2 workers.
# KEEP_RUN=1 keeps the processes' logs in run/bench-<pid>/.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-100}; TASKS=${2:-3334}; ANNOTATORS=${3:-3}; WORKERS=${4:-2}
BENCH_NAME=main BENCH_PORT=18080
. scripts/bench-env.sh

echo "== generating $PROJECTS projects x $TASKS tasks x $ANNOTATORS annotators"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$PROJECTS" --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds="

scripts/run-local.sh start "$WORKERS" >/dev/null
wait_ready "$SERVER_PORT" $(seq $((SERVER_PORT + 1)) $((SERVER_PORT + WORKERS)))

# The floor: PostgreSQL itself streaming the same annotations, in the order a backfill reads them.
copy_start=$(date +%s.%N)
psql -h "$PG_HOST" -U postgres -d "$DB" -qc "\\copy (SELECT t.id, c.id, c.completed_by_id, c.result FROM task t JOIN task_completion c ON c.task_id = t.id WHERE NOT c.was_cancelled ORDER BY t.project_id, t.id, c.id) TO '/dev/null'"
copy_end=$(date +%s.%N)

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

echo "== backfilling with $WORKERS worker(s)"
workers_cpu0=$(cpu_of $(worker_pids)); postgres_cpu0=$(cpu_of $(postgres_pids))
iowait0=$(awk '/^cpu / {print $6}' /proc/stat)
start=$(date +%s.%N)
# One watcher process, so that polling costs the machine next to nothing.
status=$(python3 - "$API" "$TOKEN" "$PROJECTS" <<'PY'
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
)
# VmHWM is each process's peak resident set since it started.
peak_kb=0
for pid in $(worker_pids); do
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
done
# The end is the last job's completion as the database recorded it, not when the poll saw it.
end=$(psql_db "SELECT extract(epoch FROM max(completed_at)) FROM agreement.backfill_job")
workers_cpu=$(python3 -c "print($(cpu_of $(worker_pids)) - $workers_cpu0)")
postgres_cpu=$(python3 -c "print($(cpu_of $(postgres_pids)) - $postgres_cpu0)")
iowait=$(python3 -c "print(($(awk '/^cpu / {print $6}' /proc/stat) - $iowait0) / $(getconf CLK_TCK))")
python3 - "$status" "$start" "$end" "$peak_kb" "$copy_start" "$copy_end" "$workers_cpu" "$postgres_cpu" "$iowait" <<'PY'
import json, os, sys
s = json.loads(sys.argv[1]); took = float(sys.argv[3]) - float(sys.argv[2])
p = s["progress"]; o = s["org_status"]
print(f"projects completed={o['completed']} failed={o['failed']}")
print(f"tasks={p['tasks_processed']} annotations={p['annotations_processed']}")
print(f"wall seconds={took:.1f}  tasks/s={p['tasks_processed']/took:,.0f}  annotations/s={p['annotations_processed']/took:,.0f}")
floor = float(sys.argv[6]) - float(sys.argv[5])
print(f"COPY floor seconds={floor:.1f}  backfill / floor={took / floor:.2f}x")
print(f"peak worker RSS={int(sys.argv[4])/1024:.0f} MiB")
w, pg = float(sys.argv[7]), float(sys.argv[8])
print(f"CPU seconds: workers={w:.1f} PostgreSQL={pg:.1f}  busy cores={(w + pg) / took:.2f} of {os.cpu_count()}"
      f"  I/O wait={float(sys.argv[9]):.1f} core-seconds")
PY
