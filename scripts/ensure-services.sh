#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis the tests talk to are up on their default local ports, starting them
# the way this kind of machine starts them when they are not. Waits until both answer, or fails.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! pg_up; then
    echo "PostgreSQL is down: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
if ! redis_up; then
    echo "Redis is down: starting it"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

for _ in $(seq 1 60); do
    if pg_up && redis_up; then
        exit 0
    fi
    sleep 0.5
done
echo "PostgreSQL or Redis did not come up within 30 s" >&2
exit 1
