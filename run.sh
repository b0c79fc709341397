#!/usr/bin/env bash
# Starts the allocation service on this machine: the HTTP API and the Redis consumer, two processes sharing the
# local PostgreSQL and Redis. Ctrl-C (or SIGTERM) stops both.
#
#   ./run.sh
#
# Configuration is the ALLOCATION_* environment variables of the README; one already set wins over the defaults
# below; the JVM options are those of jvm.options. Builds the two jars when they are missing (delete them, or run
# mvn package, to rebuild).
# The first run of a jar writes a class-data archive beside it when it stops, and later runs start from that
# archive (AppCDS: about half of the start-up time on 2 cores); see cds_option below.
set -euo pipefail
cd "$(dirname "$0")"

default_db_url=jdbc:postgresql://127.0.0.1:5432/allocation
export ALLOCATION_DB_URL="${ALLOCATION_DB_URL:-$default_db_url}"
export ALLOCATION_DB_USER="${ALLOCATION_DB_USER:-allocation}"
export ALLOCATION_REDIS_URL="${ALLOCATION_REDIS_URL:-redis://127.0.0.1:6379}"
export ALLOCATION_HTTP_PORT="${ALLOCATION_HTTP_PORT:-8080}"

http_jar=allocation-http/target/allocation-http.jar
consumer_jar=allocation-redis-consumer/target/allocation-redis-consumer.jar

if [[ ! -f $http_jar || ! -f $consumer_jar ]]; then
    echo "Building the jars..."
    mvn -q -DskipTests -pl allocation-http,allocation-redis-consumer -am package
fi

# The local servers, then the role and database of the default URL (another URL's database is yours to create).
bash scripts/ensure-services.sh
if [[ $ALLOCATION_DB_URL == "$default_db_url" ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 \
        -v user="$ALLOCATION_DB_USER" -v password="${ALLOCATION_DB_PASSWORD:-}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', NULLIF(:'password', ''))
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE allocation OWNER %I', :'user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'allocation') \gexec
SQL
fi

# AppCDS (Java 17's dynamic archive): most of a start is loading and verifying classes, which an archive made
# by an earlier run of the same jar saves. The archive is named after the jar's size and time and the JDK's
# java, so a rebuilt jar or another JDK gets a new one (the JVM would refuse a stale one anyway). When there is
# none yet, this run records it (-XX:ArchiveClassesAtExit), written when the process stops; if that fails, the
# next run just tries again, without the archive.
cds_option() {
    local jar=$1 archive
    archive="${jar%.jar}-$(stat -c %s-%Y "$jar")-$(stat -L -c %Y "$(command -v java)").jsa"
    if [[ -s $archive ]]; then
        echo "-XX:SharedArchiveFile=$archive"
    else
        rm -f "${jar%.jar}"-*.jsa  # those of earlier builds
        # Quietly: the dump lists every class it leaves out, among the process's own log lines.
        echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds*=off"
    fi
}

http_cds=$(cds_option "$http_jar")
consumer_cds=$(cds_option "$consumer_jar")

pids=()
stop() {
    trap - INT TERM EXIT
    if [[ "$http_cds $consumer_cds" == *ArchiveClassesAtExit* ]]; then
        echo "Stopping (and writing the class-data archives for the next start: a few seconds, once)..."
    else
        echo "Stopping..."
    fi
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait || true
}
trap stop INT TERM EXIT

# shellcheck disable=SC2086 # each holds one or two options
java @jvm.options $http_cds -jar "$http_jar" & pids+=($!)
# shellcheck disable=SC2086
java @jvm.options $consumer_cds -jar "$consumer_jar" & pids+=($!)

# Say where they listen once the API answers (within two minutes, and while it runs).
for _ in $(seq 240); do
    if curl -fs "http://127.0.0.1:$ALLOCATION_HTTP_PORT/health" >/dev/null 2>&1; then
        cat <<INFO

allocation-http:           http://127.0.0.1:$ALLOCATION_HTTP_PORT (POST /add_batch, POST /allocate, GET /allocations/{orderid}, GET /health)
allocation-redis-consumer: $(sed -E 's#//[^@/]*@#//***@#' <<<"$ALLOCATION_REDIS_URL") (in: allocate, change_batch_quantity; out: line_allocated)
database:                  ${ALLOCATION_DB_URL%%\?*} as $ALLOCATION_DB_USER
Ctrl-C stops both.

INFO
        break
    fi
    kill -0 "${pids[0]}" 2>/dev/null || break
    sleep 0.5
done

# When either process ends, stop the other one too.
wait -n
