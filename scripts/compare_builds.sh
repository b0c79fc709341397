#!/usr/bin/env bash
# Two builds side by side, interleaved, for the figures that one bench.sh run per build leaves in doubt: single
# runs on a shared VM differ by a tenth and more, and whichever build runs second meets another machine.
#
#   OTHER_HTTP_JAR=../old/allocation-http/target/allocation-http.jar \
#   OTHER_CONSUMER_JAR=../old/allocation-redis-consumer/target/allocation-redis-consumer.jar scripts/compare_builds.sh
#
# For ROUNDS rounds (default 2), the other build and then this checkout's: STARTS start-ups of both processes at
# once on a migrated database, to /health answering 200; then one start that is warmed up (3,000 allocations,
# 10,000 reallocations) and measured: 3 x 300 allocations (the shared driver's latency.py), 3 x 2,000
# reallocations through the streams (scripts/stream_roundtrip.py) and 2 x 200 round trips (roundtrip.py).
# Both processes run as shipped (java @jvm.options, or JVM_OPTIONS) with -Xmx256m. Lines are printed as measured,
# each starting with "this" or "other". WARNING: uses (drops and recreates) the database allocation_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR="$(cd "${BENCH_DIR:-../shared/bench}" && pwd)"
ROUNDS="${ROUNDS:-2}"
STARTS="${STARTS:-4}"
HTTP_PORT="${HTTP_PORT:-8090}"
REDIS_PORT="${REDIS_PORT:-6379}"
JVM_OPTIONS="${JVM_OPTIONS-@jvm.options}"
PY=/usr/bin/python3
BASE="http://127.0.0.1:$HTTP_PORT"
DB=allocation_bench
export PGHOST=127.0.0.1 PGUSER=postgres
: "${OTHER_HTTP_JAR:?the allocation-http.jar of the other build}" "${OTHER_CONSUMER_JAR:?its allocation-redis-consumer.jar}"
this_http=allocation-http/target/allocation-http.jar
this_consumer=allocation-redis-consumer/target/allocation-redis-consumer.jar
[[ -f $this_http && -f $this_consumer ]] || mvn -q -B -DskipTests -pl allocation-http,allocation-redis-consumer -am package
bash scripts/ensure-services.sh
export ALLOCATION_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ALLOCATION_DB_USER=postgres \
    ALLOCATION_HTTP_PORT="$HTTP_PORT" ALLOCATION_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stop EXIT
# start HTTP_JAR CONSUMER_JAR: both processes at once; sets healthy_ms to the time until /health answers 200.
# Not in a subshell: the pids must reach stop.
start() {
    local started
    started=$(date +%s%N)
    # shellcheck disable=SC2086 # none, one or several options
    java $JVM_OPTIONS -Xmx256m -jar "$1" >/dev/null 2>&1 & pids+=($!)
    # shellcheck disable=SC2086
    java $JVM_OPTIONS -Xmx256m -jar "$2" >/dev/null 2>&1 & pids+=($!)
    until curl -sf "$BASE/health" >/dev/null; do
        (( $(date +%s%N) - started < 60000000000 )) || { echo "no /health within 60 s" >&2; exit 1; }
        sleep 0.02
    done
    healthy_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
rt() { $PY "$BENCH_DIR/roundtrip.py" "$@" --api "$BASE" --redis-host 127.0.0.1 --redis-port "$REDIS_PORT"; }

# measure NAME HTTP_JAR CONSUMER_JAR
measure() {
    local name=$1
    for _ in $(seq 1 "$STARTS"); do start "$2" "$3"; echo "$name start-up to healthy: $healthy_ms ms"; stop; done
    psql -qX -d $DB -c 'TRUNCATE allocations, batches, products, outbox, pending_reallocations, processed_messages'
    redis-cli -p "$REDIS_PORT" DEL line_allocated dead_letter allocate change_batch_quantity >/dev/null
    start "$2" "$3"
    $PY "$BENCH_DIR/latency.py" "$BASE" "warm-$name-$RANDOM" --create -n 3000 >/dev/null 2>&1
    for _ in 1 2 3; do
        $PY "$BENCH_DIR/latency.py" "$BASE" "lat-$name-$RANDOM" --create -n 300 2>/dev/null | sed "s/^/$name allocation /"
    done
    for _ in 1 2 3 4 5; do rt throughput -n 2000 >/dev/null 2>&1 || true; done
    for _ in 1 2 3; do
        $PY scripts/stream_roundtrip.py throughput --api "$BASE" --redis-url "redis://127.0.0.1:$REDIS_PORT" -n 2000 \
            2>&1 | grep 'reallocations/s' | sed "s/^/$name streams /" || true
    done
    for _ in 1 2; do rt latency --rounds 200 2>&1 | grep p50 | sed "s/^/$name /" || true; done
    stop
}

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>&1 | grep -v NOTICE || true
for _ in $(seq 1 "$ROUNDS"); do
    measure other "$OTHER_HTTP_JAR" "$OTHER_CONSUMER_JAR"
    measure this "$this_http" "$this_consumer"
done
