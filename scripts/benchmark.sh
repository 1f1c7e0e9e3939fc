#!/usr/bin/env bash
# The performance benchmark (SPEC 11) in one command, on localhost's PostgreSQL and RabbitMQ:
#  1. the backfill of 1,000,200 annotations (100 projects x 3,334 tasks x 3 annotators) with 2
#     freshly started workers, with 2 workers that have run 40 jobs before (as a deployment's
#     workers have), with 1 fresh worker, and with 1 warm worker running 2 jobs at once, each
#     against PostgreSQL's own read and write floors measured in the same run
#     (scripts/benchmark-backfill.sh);
#  2. the API at 10,000 projects and 100,000 jobs of history (scripts/benchmark-api.sh);
#  3. with BIG=1, 10,002,000 annotations in 1,000 projects with 2 workers, and one 10,000,002-
#     annotation project backfilled by one worker under -Xmx128m (scripts/benchmark-big.sh); about
#     25 more minutes and 10 GB of disk.
# Prints one table with the goals. Each part runs alone: nothing else should load the machine.
#   scripts/benchmark.sh            BIG=1 scripts/benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f api-module/target/agreement-api.jar ] && [ -f worker-module/target/agreement-worker.jar ] \
  || ./mvnw -B -q -DskipTests package
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== backfill, 2 workers" >&2
scripts/benchmark-backfill.sh 100 3334 3 2 > "$out/two"
echo "== backfill, 2 warm workers" >&2
WARMUP_PROJECTS=40 scripts/benchmark-backfill.sh 100 3334 3 2 > "$out/warm"
echo "== backfill, 1 worker" >&2
scripts/benchmark-backfill.sh 100 3334 3 1 > "$out/one"
echo "== backfill, 1 warm worker running 2 jobs at once" >&2
AGREEMENT_WORKER_CONCURRENCY=2 WARMUP_PROJECTS=40 scripts/benchmark-backfill.sh 100 3334 3 1 \
  > "$out/onetwo"
echo "== API at 10,000 projects and 100,000 jobs" >&2
scripts/benchmark-api.sh | grep -E '^\| (GET|POST) ' > "$out/api"
if [ -n "${BIG:-}" ]; then
  echo "== backfill of 10,002,000 annotations in 1,000 projects, 2 workers" >&2
  scripts/benchmark-backfill.sh 1000 3334 3 2 > "$out/ten"
  echo "== one 10,000,002-annotation project under -Xmx128m" >&2
  scripts/benchmark-big.sh > "$out/big"
fi

python3 - "$out" <<'PY'
import os, sys
out = sys.argv[1]
def figures(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    return dict(line.strip().split("=", 1) for line in open(path) if "=" in line)
two, one, ten, big = figures("two"), figures("one"), figures("ten"), figures("big")
warm, onetwo = figures("warm"), figures("onetwo")
rows = []
def row(what, measured, goal="", met=""):
    rows.append((what, measured, goal, met))
def yes(ok):
    return "yes" if ok else "no"

ratio = float(two["backfill_over_read_floor"])
row("backfill of %s annotations, 2 workers" % f"{int(two['annotations']):,}",
    f"{two['backfill_seconds']} s ({int(two['annotations_per_second']):,} annotations/s)")
row("PostgreSQL's read floor (COPY TO of the same annotations, same run)",
    f"{two['read_floor_seconds']} s")
row("backfill / read floor", f"{ratio:.2f}x", "<= 2.5x (2.0x moonshot)", yes(ratio <= 2.5))
warm_ratio = float(warm["backfill_over_read_floor"])
row("backfill, 2 workers that ran 40 jobs before (read floor of that run)",
    f"{warm['backfill_seconds']} s ({int(warm['annotations_per_second']):,} annotations/s; "
    f"read floor {warm['read_floor_seconds']} s)")
row("warm backfill / read floor", f"{warm_ratio:.2f}x", "<= 2.5x (2.0x moonshot)",
    yes(warm_ratio <= 2.5))
row("CPU, 2 warm workers: workers / PostgreSQL",
    f"{warm['worker_cpu_seconds']} s / {warm['postgres_cpu_seconds']} s, "
    f"{warm['busy_cores']} of {warm['cores']} cores busy")
row("PostgreSQL's write floor (binary COPY FROM of the rows the backfill wrote, same run)",
    f"{two['write_floor_seconds']} s")
row("backfill / (read floor + write floor)", f"{two['backfill_over_read_and_write_floor']}x")
row("CPU, 2 workers: workers / PostgreSQL",
    f"{two['worker_cpu_seconds']} s / {two['postgres_cpu_seconds']} s, "
    f"{two['busy_cores']} of {two['cores']} cores busy, I/O wait {two['iowait_core_seconds']} s")
row("backfill, 1 worker", f"{one['backfill_seconds']} s "
    f"({int(one['annotations_per_second']):,} annotations/s, ratio {one['backfill_over_read_floor']}x)")
row("CPU, 1 worker: workers / PostgreSQL",
    f"{one['worker_cpu_seconds']} s / {one['postgres_cpu_seconds']} s, "
    f"{one['busy_cores']} of {one['cores']} cores busy")
row("backfill, 1 warm worker running 2 jobs at once", f"{onetwo['backfill_seconds']} s "
    f"({int(onetwo['annotations_per_second']):,} annotations/s, ratio {onetwo['backfill_over_read_floor']}x; "
    f"CPU workers / PostgreSQL {onetwo['worker_cpu_seconds']} s / {onetwo['postgres_cpu_seconds']} s)")
row("speed-up of 2 workers over 1",
    f"{float(one['backfill_seconds']) / float(two['backfill_seconds']):.2f}x")
row("peak worker RSS (default heap)", f"{two['peak_worker_rss_mib']} MiB")
if ten:
    linear = float(ten["backfill_seconds"]) / float(two["backfill_seconds"])
    row("backfill of %s annotations in 1,000 projects, 2 workers" % f"{int(ten['annotations']):,}",
        f"{ten['backfill_seconds']} s ({int(ten['annotations_per_second']):,} annotations/s, "
        f"ratio {ten['backfill_over_read_floor']}x)")
    row("its time over the 1M backfill's", f"{linear:.1f}x", "<= 11x (linear)", yes(linear <= 11))
if big:
    flat = int(big["big_heap_after_gc_mib_last_third_max"]) <= \
        int(big["big_heap_after_gc_mib_first_third_max"]) * 1.2 + 8
    done = big["big_status"] == "COMPLETED"
    row("one project of %s annotations, 1 worker, %s" % (f"{int(big['big_annotations']):,}", big["big_heap"]),
        f"{big['big_status']} in {big['big_seconds']} s, RSS {big['big_peak_rss_mib']} MiB",
        "completes", yes(done))
    row("its heap after GC, max of the first and last third of the run",
        f"{big['big_heap_after_gc_mib_first_third_max']} MiB, {big['big_heap_after_gc_mib_last_third_max']} MiB"
        f" ({big['big_gcs']} collections)", "flat", yes(flat))
    per_m = float(big["big_seconds"]) / float(one["backfill_seconds"])
    row("its time over the 1M backfill's with 1 worker", f"{per_m:.1f}x", "<= 11x (linear)",
        yes(per_m <= 11))
for line in open(os.path.join(out, "api")):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    call, p50, p99, status = cells
    goal = 50 if call.startswith("POST") else 20
    row(f"API {call}", f"p50 {p50} ms, p99 {p99} ms ({status})", f"p99 <= {goal} ms",
        yes(float(p99) <= goal and status == "200"))

print("| what | measured | goal | met |")
print("| --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
