#!/usr/bin/env bash
# The consumer's rate and round trip with one consumer process and with two (one active, one standing by, as an
# operator runs them for availability), each beside the database's floor for reallocations in the same run.
#
#   REDIS_PORT=6382 REPEAT=3 scripts/consumers_bench.sh
#
# Measures, in order: the floor (pgbench, SCRIPT=reallocate INDEXES=1, 1 and 8 clients); then, with the HTTP
# process and one consumer up and warmed (WARMUP_REALLOCATIONS unmeasured reallocations), REPEAT rounds of:
# the change_batch_quantity -> line_allocated round trip (pub/sub, 200 rounds), the consumer's throughput through
# pub/sub and through the streams (2,000 reallocations each), first with the one consumer, then with a second
# consumer process started beside it (stopped again after the round; one unmeasured run first, while it
# finishes starting). Both processes run as shipped
# (java @jvm.options) with -Xmx256m. Results go to OUT (bench-out/consumers-<time>); the summary comes last.
#
# Use a Redis of your own (REDIS_PORT): pub/sub ignores database numbers, so another consumer on the same server
# would take the driver's messages. Run under the benchmark lock: flock /tmp/allocation-bench.lock ...
# WARNING: drops and recreates the databases allocation_consumers_bench and allocation_consumers_floor.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR="$(cd "${BENCH_DIR:-../shared/bench}" && pwd)"
REPEAT="${REPEAT:-3}"
HTTP_PORT="${HTTP_PORT:-8092}"
REDIS_PORT="${REDIS_PORT:-6379}"
FLOOR_DURATION="${FLOOR_DURATION:-10}"
WARMUP_REALLOCATIONS="${WARMUP_REALLOCATIONS:-6000}"
OUT="${OUT:-bench-out/consumers-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3
BASE="http://127.0.0.1:$HTTP_PORT"
DB=allocation_consumers_bench
export PGHOST=127.0.0.1 PGUSER=postgres BENCH_DIR

http_jar=allocation-http/target/allocation-http.jar
consumer_jar=allocation-redis-consumer/target/allocation-redis-consumer.jar
[[ -f $http_jar && -f $consumer_jar ]] || mvn -q -B -DskipTests -pl allocation-http,allocation-redis-consumer -am package

fresh_db() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>&1 | grep -v NOTICE || true; }
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT
await() { # await DESCRIPTION COMMAND...: polls the command for up to a minute
    local what=$1 started; shift; started=$(date +%s)
    until "$@" >/dev/null 2>&1; do
        (( $(date +%s) - started < 60 )) || { echo "consumers_bench.sh: gave up waiting for $what; logs in $OUT" >&2; exit 1; }
        sleep 0.05
    done
}

# 1. The floor of one reallocation, in a database of its own (the book's table layout).
fresh_db allocation_consumers_floor
(cd "$OUT" && PGDATABASE=allocation_consumers_floor SCRIPT=reallocate INDEXES=1 CLIENTS="1 8" REPEAT="$REPEAT" \
    DURATION="$FLOOR_DURATION" WARMUP=3 OUT_DIR=. PYTHON=$PY bash "$BENCH_DIR/run_pgbench.sh" realloc) \
    | tail -n 3 | tee "$OUT/floor.txt"

# 2. The system, on a fresh database and the given Redis.
fresh_db "$DB"
redis-cli -p "$REDIS_PORT" DEL line_allocated dead_letter allocate change_batch_quantity >/dev/null
export ALLOCATION_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ALLOCATION_DB_USER=postgres \
    ALLOCATION_HTTP_PORT="$HTTP_PORT" ALLOCATION_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
java @jvm.options -Xmx256m -jar "$http_jar" >"$OUT/http.log" 2>&1 & pids+=($!)
java @jvm.options -Xmx256m -jar "$consumer_jar" >"$OUT/consumer-1.log" 2>&1 & pids+=($!)
await "the API to answer /health" curl -sf "$BASE/health"
await "the consumer to subscribe" bash -c "[[ \$(redis-cli -p $REDIS_PORT PUBSUB NUMSUB change_batch_quantity | tail -n 1) -ge 1 ]]"

rt() { $PY "$BENCH_DIR/roundtrip.py" "$@" --api "$BASE" --redis-host 127.0.0.1 --redis-port "$REDIS_PORT"; }
measure() { # measure LABEL: one round of the three measurements, appended to LABEL-*.txt
    rt latency --rounds 200 2>&1 | tee -a "$OUT/$1-roundtrip.txt" || true
    rt throughput -n 2000 2>&1 | tee -a "$OUT/$1-pubsub.txt" || true
    $PY scripts/stream_roundtrip.py throughput --api "$BASE" --redis-url "redis://127.0.0.1:$REDIS_PORT/0" -n 2000 \
        2>&1 | tee -a "$OUT/$1-streams.txt" || true
}

for _ in $(seq 1 $(( WARMUP_REALLOCATIONS / 2000 ))); do
    rt throughput -n 2000 >>"$OUT/warmup.txt" 2>&1 || true
done
for rep in $(seq 1 "$REPEAT"); do
    measure one
    java @jvm.options -Xmx256m -jar "$consumer_jar" >"$OUT/consumer-standby-$rep.log" 2>&1 & standby=$!
    await "the second consumer to stand by" grep -q "Standing by" "$OUT/consumer-standby-$rep.log"
    # Unmeasured: the second JVM's own start-up (class loading, compilation) must not be counted as its cost.
    rt throughput -n 2000 >>"$OUT/warmup.txt" 2>&1 || true
    cpu_before=$(awk '{print $14 + $15}' "/proc/$standby/stat"); wall_before=$(date +%s%N)
    measure two
    cpu_after=$(awk '{print $14 + $15}' "/proc/$standby/stat"); wall_after=$(date +%s%N)
    echo "standby CPU: $(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) )) ms in $(( (wall_after - wall_before) / 1000000 )) ms" \
        | tee -a "$OUT/standby-cpu.txt"
    kill "$standby"; wait "$standby" 2>/dev/null || true
done

$PY - "$OUT" <<'EOF' | tee "$OUT/summary.txt"
import re, statistics, sys
out = sys.argv[1]
def median(values):
    return statistics.median(values) if values else float("nan")
print("floor (pgbench, SCRIPT=reallocate INDEXES=1):")
print(open(f"{out}/floor.txt").read().rstrip())
print("the standby's own CPU time while the second round ran:", " | ".join(
    line.strip() for line in open(f"{out}/standby-cpu.txt")))
for label, processes in [("one", "1 consumer process"), ("two", "2 consumer processes (1 active, 1 standing by)")]:
    rt = open(f"{out}/{label}-roundtrip.txt").read()
    p50 = [float(v) for v in re.findall(r"p50=([\d.]+)ms", rt)]
    p99 = [float(v) for v in re.findall(r"p99=([\d.]+)ms", rt)]
    print(f"{processes}: round trip p50 {median(p50):.2f} ms, p99 {median(p99):.2f} ms (runs p50 {p50}, p99 {p99})")
    for path in ["pubsub", "streams"]:
        text = open(f"{out}/{label}-{path}.txt").read()
        rates = [float(v) for v in re.findall(r"-> (\d+) reallocations/s", text)]
        lost = re.findall(r"missing[^\n]*", text)
        print(f"{processes}: {path} median {median(rates):.0f} reallocations/s, runs {rates}; {' | '.join(lost)}")
EOF
echo "Everything is in $OUT"
