#!/usr/bin/env bash
# One large project backfilled by one worker with a small heap: memory must not grow with the
# project (SPEC 11). A fresh database, the generator, the API and one worker started with
# WORKER_HEAP (default -Xmx128m) and GC logging; prints key=value lines (benchmark.sh reads them).
#   scripts/benchmark-big.sh [TASKS] [ANNOTATORS]
# Defaults: 3,333,334 tasks x 3 annotators = 10,000,002 annotations (about 10 GB of disk while it
# runs; the generator takes 5 to 6 minutes on a 2-core machine, the backfill about as long).
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-3333334}; ANNOTATORS=${2:-3}; WORKER_HEAP=${WORKER_HEAP:--Xmx128m}
BENCH_NAME=big BENCH_PORT=18070
. scripts/bench-env.sh

echo "== generating 1 project x $TASKS tasks x $ANNOTATORS annotators" >&2
java -jar "$AGREEMENT_WORKER_JAR" generate --projects 1 --tasks "$TASKS" \
  --annotators "$ANNOTATORS" --agreement 0.7 --token "$TOKEN" | grep -E "annotations=|seconds=" >&2

gc_log="$AGREEMENT_RUN_DIR/worker-gc.log"
export WORKER_JAVA_OPTS="$WORKER_HEAP -Xlog:gc:file=$gc_log:uptime"
backfill_single_project > "$AGREEMENT_RUN_DIR/backfill.out"
cat "$AGREEMENT_RUN_DIR/backfill.out" >&2
took=$(sed -n 's/^backfill seconds=//p' "$AGREEMENT_RUN_DIR/backfill.out")
status=$(curl -sf "$API/api/dimensions/backfill/status/?project_id=$PROJECT" -H "$H")
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$(cat "$AGREEMENT_RUN_DIR"/worker-1.pid)/status")
python3 - "$status" "$took" "$peak_kb" "$gc_log" "$WORKER_HEAP" <<'PY'
import json, re, sys
s = json.loads(sys.argv[1]); took = float(sys.argv[2])
p = s["progress_data"]
# "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 60M->12M(128M) 3.1ms": the heap after each
# collection, over the run's first and last thirds: flat when the last third is no higher.
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(\d+M\)", open(sys.argv[4]).read())]
third = max(1, len(after) // 3)
print(f"big_status={s['status']}")
print(f"big_annotations={p['annotations_processed']}")
print(f"big_seconds={took:.1f}")
print(f"big_heap={sys.argv[5]}")
print(f"big_peak_rss_mib={int(sys.argv[3]) / 1024:.0f}")
print(f"big_gcs={len(after)}")
print(f"big_heap_after_gc_mib_first_third_max={max(after[:third]) if after else 0}")
print(f"big_heap_after_gc_mib_last_third_max={max(after[-third:]) if after else 0}")
PY
