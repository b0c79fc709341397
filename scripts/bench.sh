#!/usr/bin/env bash
# The load benchmark of the two processes, with the shared black-box driver (../shared/bench, or BENCH_DIR):
# each figure beside its comparison, in one run, on this machine.
#
#   scripts/bench.sh                 # everything, 3 repetitions (about 15 minutes)
#   REPEAT=1 DURATION=10 scripts/bench.sh
#   JVM_OPTIONS= scripts/bench.sh    # the JVM's defaults instead of jvm.options, for comparison
#   PARTS="writes contention" scripts/bench.sh   # only some parts (default: standard writes contention)
#
# Measures, in order: the database floor (pgbench, the minimal SQL of one allocation, with the two indexes);
# start-up to healthy, plain java -jar and with AppCDS, on an empty and on a migrated database; POST /allocate
# at 8 and 32 connections over 1,000 SKUs; 32 connections on one hot SKU; the latency of one allocation on a
# SKU with 0 / 1,000 / 50,000 prior allocations and with 1,000 exhausted batches; the change_batch_quantity ->
# line_allocated round trip; reallocations per second through the consumer (those are the part "standard"); the
# change_batch_quantity -> line_allocated round trip and POST /add_batch on a SKU with 1,000 and with 50,000 prior
# allocations ("writes"); changes of quantity while 8 connections allocate on one SKU with 50,000 prior allocations
# ("contention"). Both processes run as shipped
# (java @jvm.options, or JVM_OPTIONS) with -Xmx256m.
# Results and logs go to OUT (bench-out/<time>); the last lines printed are the summary that the README's
# Performance section quotes.
#
# Needs: wrk, pgbench and psql, Debian's python3 with python3-redis (installed here when missing).
# WARNING: uses (drops and recreates) the databases allocation_bench and allocation_floor.
set -euo pipefail
cd "$(dirname "$0")/.."

export BENCH_DIR="$(cd "${BENCH_DIR:-../shared/bench}" && pwd)"
REPEAT="${REPEAT:-3}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
HTTP_PORT="${HTTP_PORT:-8090}"
PRIORS="${PRIORS:-0 1000 50000}"
EXHAUSTED="${EXHAUSTED:-1000}"
JVM_OPTIONS="${JVM_OPTIONS-@jvm.options}"
PARTS="${PARTS:-standard writes contention}"
WRITE_PRIORS="${WRITE_PRIORS:-1000 50000}"
REDIS_PORT="${REDIS_PORT:-6379}"
OUT="${OUT:-bench-out/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3
part() { [[ " $PARTS " == *" $1 "* ]]; }
BASE="http://127.0.0.1:$HTTP_PORT"
DB=allocation_bench
export PGHOST=127.0.0.1 PGUSER=postgres

if ! command -v wrk >/dev/null || ! command -v pgbench >/dev/null || ! $PY -c 'import redis' 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk python3-redis postgresql-client >/dev/null
fi
bash scripts/ensure-services.sh
# HTTP_JAR and CONSUMER_JAR: another build's jars, to compare with (default: this checkout's, built when missing).
http_jar="${HTTP_JAR:-allocation-http/target/allocation-http.jar}"
consumer_jar="${CONSUMER_JAR:-allocation-redis-consumer/target/allocation-redis-consumer.jar}"
[[ -f $http_jar && -f $consumer_jar ]] || mvn -q -B -DskipTests -pl allocation-http,allocation-redis-consumer -am package

fresh_db() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>&1 | grep -v NOTICE || true; }
summary() { echo "$*" | tee -a "$OUT/summary.txt"; }
pids=()
stop_processes() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stop_processes EXIT

# start_processes HOW fresh|migrated: starts both processes at once and reports the time until the API answers
# GET /health with 200 and until the consumer has subscribed; on a new, empty database (the migrations run) or on
# the one the previous start left (the usual restart). HOW is plain (java $JVM_OPTIONS -jar), appcds-training
# (records each jar's class-data archive in OUT, written when the process stops) or appcds (starts from those
# archives).
# Fails the benchmark, naming what it waited for, once a minute has passed since $started.
within_a_minute() {
    if (( $(date +%s%N) - started > 60000000000 )); then
        echo "bench.sh: gave up waiting for $1 after 60 s; see the logs in $OUT" >&2
        exit 1
    fi
}

start_processes() {
    local how=$1 database=$2 cds=() before subscribers started
    [[ $database == fresh ]] && fresh_db "$DB"
    redis-cli -p "$REDIS_PORT" DEL line_allocated dead_letter allocate change_batch_quantity >/dev/null
    export ALLOCATION_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ALLOCATION_DB_USER=postgres \
        ALLOCATION_HTTP_PORT="$HTTP_PORT" ALLOCATION_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
    case $how in
        appcds-training) cds=(-XX:ArchiveClassesAtExit -Xlog:cds*=off) ;;
        appcds) cds=(-XX:SharedArchiveFile) ;;
    esac
    before=$(redis-cli -p "$REDIS_PORT" PUBSUB NUMSUB change_batch_quantity | tail -n 1)
    started=$(date +%s%N)
    # shellcheck disable=SC2086 # none, one or several options
    java $JVM_OPTIONS -Xmx256m ${cds[0]:+"${cds[0]}=$OUT/http.jsa"} "${cds[@]:1}" -jar "$http_jar" \
        >"$OUT/http-$how-$database.log" 2>&1 & pids+=($!)
    # shellcheck disable=SC2086
    java $JVM_OPTIONS -Xmx256m ${cds[0]:+"${cds[0]}=$OUT/consumer.jsa"} "${cds[@]:1}" -jar "$consumer_jar" \
        >"$OUT/consumer-$how-$database.log" 2>&1 & pids+=($!)
    until curl -sf "$BASE/health" >/dev/null; do within_a_minute "the API to answer /health"; sleep 0.02; done
    local healthy=$(( ($(date +%s%N) - started) / 1000000 ))
    # Another client of the same Redis unsubscribing meanwhile would hide ours: the wait is bounded.
    until subscribers=$(redis-cli -p "$REDIS_PORT" PUBSUB NUMSUB change_batch_quantity | tail -n 1); [[ $subscribers -gt $before ]]; do
        within_a_minute "the consumer to subscribe"; sleep 0.02
    done
    summary "start-up, $how, $database database: http healthy after $healthy ms, consumer subscribed after $(( ($(date +%s%N) - started) / 1000000 )) ms (both processes starting at once)"
}

reset_tables="psql -qX -d $DB -c 'TRUNCATE allocations, batches, products, outbox, pending_reallocations, processed_messages'"

if ! part standard; then
    start_processes plain fresh
else
# 1. The database floor, in a database of its own (the book's table layout).
fresh_db allocation_floor
(cd "$OUT" && PGDATABASE=allocation_floor INDEXES=1 CLIENTS="8 32" REPEAT="$REPEAT" DURATION="$DURATION" \
    WARMUP="$WARMUP" OUT_DIR=. bash "$BENCH_DIR/run_pgbench.sh" floor) | tail -n 4 | tee "$OUT/floor.txt"

# 2. Start-up, plain java -jar beside AppCDS (Java 17's dynamic archive, recorded by a training run just
#    before), each on an empty and on a migrated database. The last, plain start stays up for the load runs.
start_processes appcds-training fresh; stop_processes
start_processes appcds fresh; stop_processes
start_processes appcds migrated; stop_processes
start_processes plain migrated; stop_processes
start_processes plain fresh

# 3. Throughput over many SKUs, then one hot SKU.
(cd "$OUT" && RESET_CMD="$reset_tables" CONNS="8 32" REPEAT="$REPEAT" DURATION="$DURATION" WARMUP="$WARMUP" \
    OUT_DIR=. PYTHON=$PY bash "$BENCH_DIR/run_load.sh" "$BASE" java) | tail -n 3 | tee "$OUT/load.txt"
(cd "$OUT" && RESET_CMD="$reset_tables" CONNS=32 NSKUS=1 MAX_THREADS=1 REPEAT=1 DURATION="$DURATION" \
    WARMUP="$WARMUP" OUT_DIR=. PYTHON=$PY bash "$BENCH_DIR/run_load.sh" "$BASE" hot-sku) | tail -n 2 | tee "$OUT/hot.txt"
hot_over=$(psql -qtAX -d $DB -c "SELECT count(*) FROM batches WHERE allocated_quantity > purchased_quantity")
summary "hot SKU: batches over-allocated afterwards: $hot_over"

# 4. One allocation against a SKU's history: prior allocations made over HTTP (8 racing writers on the one
#    SKU), and a SKU with 1,000 exhausted batches.
bash -c "$reset_tables"
for prior in $PRIORS; do
    for rep in $(seq 1 "$REPEAT"); do
        $PY "$BENCH_DIR/latency.py" "$BASE" "hist-$prior-$rep" --create --prior "$prior" --prior-workers 8 -n 300 \
            2>>"$OUT/latency.log" | tee -a "$OUT/latency.txt"
    done
done
for rep in $(seq 1 "$REPEAT"); do
    sku="exhausted-$rep"
    $PY - "$BASE" "$sku" "$EXHAUSTED" <<'EOF'
import sys, json, urllib.request
base, sku, exhausted = sys.argv[1], sys.argv[2], int(sys.argv[3])
def post(path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return urllib.request.urlopen(request).status
for i in range(exhausted):
    post("/add_batch", {"ref": f"{sku}-{i}", "sku": sku, "qty": 1, "eta": "2026-01-01"})
    post("/allocate", {"orderid": f"{sku}-filler-{i}", "sku": sku, "qty": 1})
post("/add_batch", {"ref": f"{sku}-open", "sku": sku, "qty": 1000000000, "eta": "2027-01-01"})
EOF
    $PY "$BENCH_DIR/latency.py" "$BASE" "$sku" -n 300 2>>"$OUT/latency.log" | tee -a "$OUT/latency.txt"
done

# 5. Events. The HTTP runs above warmed the HTTP process, not the consumer: first one round-trip run on the cold
#    consumer, reported as such; then WARMUP_REALLOCATIONS unmeasured reallocations (the consumer's JIT compiles
#    its hot path over the first ~10,000 messages), as the load runs warm up before measuring; then REPEAT
#    measured runs of each: the round trip, the consumer's throughput through pub/sub and through the streams.
rt() { $PY "$BENCH_DIR/roundtrip.py" "$@" --api "$BASE" --redis-host 127.0.0.1 --redis-port "$REDIS_PORT"; }
# roundtrip.py exits 1 on any timeout, loss or unexpected message: the figures are kept and read anyway.
rt latency --rounds 200 2>&1 | tee -a "$OUT/roundtrip-cold.txt" || true
for _ in $(seq 1 $(( ${WARMUP_REALLOCATIONS:-10000} / 2000 ))); do
    rt throughput -n 2000 >>"$OUT/consumer-warmup.txt" 2>&1 || true
done
for rep in $(seq 1 "$REPEAT"); do
    rt latency --rounds 200 2>&1 | tee -a "$OUT/roundtrip.txt" || true
    rt throughput -n 2000 2>&1 | tee -a "$OUT/consumer.txt" || true
    $PY scripts/stream_roundtrip.py throughput --api "$BASE" --redis-url "redis://127.0.0.1:$REDIS_PORT" -n 2000 \
        2>&1 | tee -a "$OUT/consumer-streams.txt" || true
done

$PY - "$OUT" <<'EOF' | tee -a "$OUT/summary.txt"
import re, statistics, sys
out = sys.argv[1]
def median(values):
    return statistics.median(values) if values else float("nan")
lat = open(f"{out}/latency.txt").read()
for label, pattern in [("0 prior", r"sku=hist-0-\d+ .*?p50=([\d.]+)ms"), ("1,000 prior", r"sku=hist-1000-\d+ .*?p50=([\d.]+)ms"),
                       ("50,000 prior", r"sku=hist-50000-\d+ .*?p50=([\d.]+)ms"), ("exhausted batches", r"sku=exhausted-\d+ .*?p50=([\d.]+)ms")]:
    print(f"latency p50, {label}: {median([float(v) for v in re.findall(pattern, lat)]):.2f} ms")
p50 = {prior: median([float(v) for v in re.findall(rf"sku=hist-{prior}-\d+ .*?p50=([\d.]+)ms", lat)])
       for prior in ("1000", "50000")}
print(f"allocation p50 ratio, 50,000 / 1,000 prior: {p50['50000'] / p50['1000']:.2f} (target <= 1.5)")
for name, label in [("roundtrip-cold", "round trip, cold consumer (one run)"), ("roundtrip", "round trip, median of runs")]:
    rt = open(f"{out}/{name}.txt").read()
    print("%s p50 / p99: %.2f / %.2f ms" % (label, median([float(v) for v in re.findall(r"p50=([\d.]+)ms", rt)]),
                                            median([float(v) for v in re.findall(r"p99=([\d.]+)ms", rt)])))
for name, label in [("consumer", "pub/sub"), ("consumer-streams", "streams")]:
    rates = [float(v) for v in re.findall(r"-> (\d+) reallocations/s", open(f"{out}/{name}.txt").read())]
    print(f"consumer, {label}: median {median(rates):.0f} reallocations/s of runs {rates}")
    print(f"consumer, {label}, runs:", " | ".join(line.strip() for line in open(f"{out}/{name}.txt")
                                                 if "missing" in line or "pending" in line))
EOF
summary "floor:"; cat "$OUT/floor.txt" | tee -a "$OUT/summary.txt"
summary "load:"; cat "$OUT/load.txt" "$OUT/hot.txt" | tee -a "$OUT/summary.txt"
fi

writes() { $PY scripts/writes_bench.py "$@" --api "$BASE" --redis-url "redis://127.0.0.1:$REDIS_PORT" --database "$DB"; }

# 6. Every write against a SKU's history, seeded in the database: allocations on its warehouse batch, changes of
#    that batch's quantity (each gives back its most recent line, one at a time) and added batches, on a SKU with
#    1,000 and one with 50,000 prior allocations, interleaved in each repetition; the ratios of the medians are the
#    targets.
if part writes; then
    # Unmeasured, so that neither SKU's runs pay for the JIT compiling these paths.
    writes history --prior 1000 --rounds 100 --batches 100 --allocations 300 >"$OUT/writes-warmup.txt" 2>&1 || true
    for rep in $(seq 1 "$REPEAT"); do
        for prior in $WRITE_PRIORS; do
            writes history --prior "$prior" 2>&1 | tee -a "$OUT/writes.txt" || true
        done
    done
    $PY - "$OUT" $WRITE_PRIORS <<'EOF' | tee -a "$OUT/summary.txt"
import re, statistics, sys
out, low, high = sys.argv[1], sys.argv[2], sys.argv[-1]
text = open(f"{out}/writes.txt").read()
def p50(prior, what):
    values = [float(v) for v in re.findall(rf"prior={prior} .*?{what} p50=([\d.]+)ms", text)]
    return statistics.median(values) if values else float("nan")
for what in ("change_batch_quantity->line_allocated", "add_batch", "allocate"):
    print(f"{what} p50, {low} / {high} prior: {p50(low, what):.2f} / {p50(high, what):.2f} ms, "
          f"ratio {p50(high, what) / p50(low, what):.2f} (target <= 1.5)")
print("writes, runs:", " | ".join(re.findall(r"changes=\d+ lost=\d+", text)))
EOF
fi

# 7. Contention: 8 connections allocate on one SKU with 50,000 prior allocations for DURATION_CONTENTION s while
#    200 changes of its batches arrive, alternately over pub/sub and the stream; beside it, the same on a SKU with
#    no prior allocation.
if part contention; then
    for prior in 0 50000; do
        writes contention --prior "$prior" --duration "${DURATION_CONTENTION:-30}" 2>&1 \
            | tee -a "$OUT/contention.txt" "$OUT/summary.txt" || true
    done
fi
echo "Everything is in $OUT"
