#!/usr/bin/env bash
# Live-refresh benchmark (SPEC 9 "Speed") on localhost: a fresh database filled by the generator,
# the API and WORKERS workers, every project backfilled (one all_projects trigger); then, per mode,
# the worker jar's live-load commits annotation changes into Label Studio's tables at RATE per
# second for SECONDS (60% creates, 30% edits, 10% deletes, spread over the projects), and measures
# for each change the lag from its commit until agreement.task_state shows the task's new
# fingerprint, then the drain after the load (no dirty mark left, every change visible).
#   webhook: API with AGREEMENT_WEBHOOK_SECRET, each change's Label Studio webhook posted right
#            after its commit (answer times recorded); sweep and reconciliation every 1h
#   sweep:   no secret (the webhook endpoint answers 404), sweep every SWEEP_INTERVAL
#   scripts/benchmark-live.sh [PROJECTS] [TASKS_PER_PROJECT] [ANNOTATORS] [RATE] [SECONDS] [SWEEP_INTERVAL]
# Defaults: 20 projects x 1000 tasks x 3 annotators, 100 changes/s for 60 s, sweep every 2s.
# Environment: WORKERS (2), THREADS (8 concurrent annotators, each waiting for its webhook as
# Label Studio Community's request does), WARMUP (5 s of unmeasured load first, then drained), MIX
# (60,30,10), MODES ("webhook sweep"), RECONCILE_INTERVAL (1h), DRAIN_TIMEOUT (120 s). KEEP_RUN=1 keeps the logs and the
# live-load outputs in run/bench-live-<pid>/.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-20}; TASKS=${2:-1000}; ANNOTATORS=${3:-3}; RATE=${4:-100}; LOAD_SECONDS=${5:-60}
SWEEP_INTERVAL=${6:-2s}
WORKERS=${WORKERS:-2}; THREADS=${THREADS:-8}; WARMUP=${WARMUP:-5}; MIX=${MIX:-60,30,10}; MODES=${MODES:-webhook sweep}
RECONCILE_INTERVAL=${RECONCILE_INTERVAL:-1h}; DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-120}
BENCH_NAME=live BENCH_PORT=18100
. scripts/bench-env.sh
SECRET=bench-live-secret-$$
HOOK="$API/api/agreement/webhooks/label-studio/"

echo "== generating $PROJECTS projects x $TASKS tasks x $ANNOTATORS annotators"
java -jar "$AGREEMENT_WORKER_JAR" generate --projects "$PROJECTS" --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds="

# start_services MODE: the API and the workers with that mode's settings (run-local passes the
# environment on to every process).
start_services() {
  local sweep=1h secret=$SECRET
  [ "$1" = webhook ] || { sweep=$SWEEP_INTERVAL; secret=; }
  AGREEMENT_WEBHOOK_SECRET=$secret AGREEMENT_SWEEP_INTERVAL=$sweep \
    AGREEMENT_RECONCILE_INTERVAL=$RECONCILE_INTERVAL scripts/run-local.sh start "$WORKERS" >/dev/null
  wait_ready "$SERVER_PORT" $(seq $((SERVER_PORT + 1)) $((SERVER_PORT + WORKERS)))
}

backfill_all() {
  echo "== backfilling every project with $WORKERS worker(s)"
  local start status done_count
  start=$(date +%s.%N)
  curl -sf -X POST "$API/api/dimensions/backfill/" -H "Authorization: Token $TOKEN" \
    -H 'Content-Type: application/json' -d '{"all_projects": true}' >/dev/null
  while true; do
    status=$(curl -sf "$API/api/dimensions/backfill/status/" -H "Authorization: Token $TOKEN")
    done_count=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1])["org_status"]; print(s["completed"]+s["failed"])' "$status")
    [ "$done_count" -ge "$PROJECTS" ] && break
    sleep 1
  done
  echo "backfill seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))") $(python3 -c 'import json,sys; s=json.loads(sys.argv[1])["org_status"]; print("completed=%d failed=%d" % (s["completed"], s["failed"]))' "$status")"
}

first=1
for mode in $MODES; do
  echo "== $mode run: $RATE changes/s for $LOAD_SECONDS s over $THREADS annotator threads (mix $MIX)"
  start_services "$mode"
  if [ -n "$first" ]; then backfill_all; first=; fi
  args=(--rate "$RATE" --seconds "$LOAD_SECONDS" --warmup-seconds "$WARMUP" --threads "$THREADS" --mix "$MIX"
        --drain-timeout "$DRAIN_TIMEOUT")
  if [ "$mode" = webhook ]; then
    args+=(--webhook "$HOOK" --secret "$SECRET")
  else
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$HOOK" -H 'Content-Type: application/json' -d '{}')
    [ "$code" = 404 ] || echo "warning: without a secret the webhook endpoint answered $code, not 404"
  fi
  rc=0
  java -jar "$AGREEMENT_WORKER_JAR" live-load "${args[@]}" > "$AGREEMENT_RUN_DIR/live-$mode.txt" || rc=$?
  cat "$AGREEMENT_RUN_DIR/live-$mode.txt"
  [ "$rc" = 0 ] || echo "live-load ($mode) exited $rc: errors, or changes never visible"
  scripts/run-local.sh stop >/dev/null
done

echo "== results ($(nproc) cores, $WORKERS workers, $PROJECTS projects x $TASKS tasks x $ANNOTATORS annotators, asked $RATE changes/s)"
python3 - "$AGREEMENT_RUN_DIR" "$SWEEP_INTERVAL" $MODES <<'PY'
import re, sys
run_dir, interval = sys.argv[1], sys.argv[2]
def seconds(text):
    m = re.fullmatch(r"([0-9.]+)(ms|s|m|h)?", text)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, None: 1}[m.group(2)]
def read(mode):
    values = {}
    try:
        for line in open(f"{run_dir}/live-{mode}.txt"):
            for pair in line.split():
                if "=" in pair:
                    k, v = pair.split("=", 1)
                    values.setdefault(k, v)
    except FileNotFoundError:
        pass
    return values
header = f"{'mode':<8} {'changes/s':>9} {'lag p50':>8} {'p95':>7} {'p99':>7} {'max':>7} {'hook p50':>8} {'p99':>6} {'drain s':>7}  targets"
print(header)
for mode in sys.argv[3:]:
    r = read(mode)
    g = lambda k: float(r.get(k, "nan"))
    drain = g("drain_seconds")
    drain_text = "timeout" if drain < 0 else f"{drain:.2f}"
    if mode == "webhook":
        checks = [("lag p95 <= 2 s", g("lag_p95_ms") <= 2000),
                  ("webhook p99 <= 50 ms", g("webhook_p99_ms") <= 50),
                  ("drain <= 5 s", 0 <= drain <= 5)]
        hook = f"{g('webhook_p50_ms'):8.1f} {g('webhook_p99_ms'):6.1f}"
    else:
        limit = seconds(interval) + 2
        checks = [(f"lag p95 <= {limit:g} s", g("lag_p95_ms") <= limit * 1000)]
        hook = f"{'-':>8} {'-':>6}"
    verdict = ", ".join(f"{name}: {'ok' if ok else 'MISSED'}" for name, ok in checks)
    print(f"{mode:<8} {g('changes_per_second'):9.1f} {g('lag_p50_ms'):7.0f}ms {g('lag_p95_ms'):5.0f}ms"
          f" {g('lag_p99_ms'):5.0f}ms {g('lag_max_ms'):5.0f}ms {hook} {drain_text:>7}  {verdict}")
    extra = [f"{k}={r[k]}" for k in ("changes", "unresolved", "errors", "webhook_failures", "baseline_mismatches") if k in r]
    print(f"{'':<8} {' '.join(extra)}")
PY
