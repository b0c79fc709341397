"""The cost of the writes other than allocation against a SKU's history, and a change of stock under contention.

Seeds each SKU's history straight in the database (psql, with PGHOST/PGUSER from the environment), then drives the
running processes as a client would: change_batch_quantity over Redis, POST /add_batch and POST /allocate over HTTP.
Reallocations are read back from the line_allocated stream. Needs Debian's python3 with python3-redis, psql, wrk
(contention) and the shared bench folder (BENCH_DIR, default ../shared/bench).

  /usr/bin/python3 scripts/writes_bench.py history --api URL --redis-url URL --database DB --prior 50000
      a SKU whose warehouse batch holds PRIOR allocations: ALLOCATIONS POST /allocate on it, then ROUNDS changes
      of that batch's quantity, each giving back its most recent line (PUBLISH change_batch_quantity -> the line
      reallocated on line_allocated), one at a time, then BATCHES POST /add_batch on the SKU; prints the p50 of
      each.
  /usr/bin/python3 scripts/writes_bench.py contention --api URL --redis-url URL --database DB --prior 50000
      8 HTTP connections allocate on one SKU with PRIOR allocations for DURATION s (wrk, allocate.lua) while
      CHANGES change_batch_quantity messages for two of its batches arrive, paced over the run, alternately over
      pub/sub and the stream, each giving back one line; checks that every change took effect (its line
      reallocated, the batches' final quantities the last sent), no dead letter, no non-201 answer, no batch
      over-allocated; prints the changes' round trips. Exit status 1 when a check fails.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import uuid

import redis

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_DIR = os.environ.get("BENCH_DIR", os.path.join(HERE, "..", "..", "shared", "bench"))
sys.path.insert(0, BENCH_DIR)
from roundtrip import Api, pct, summary  # noqa: E402  (the shared driver)


def psql(database, sql):
    return subprocess.run(["psql", "-qtAX", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def seed(database, sku, batches):
    """batches: (reference, eta or None, extra free quantity, number of prior lines of qty 1)."""
    statements = [f"INSERT INTO products (sku, version_number) VALUES ('{sku}', 1)"]
    for reference, eta, free, lines in batches:
        eta_sql = f"'{eta}'" if eta else "NULL"
        statements.append("INSERT INTO batches (reference, sku, purchased_quantity, eta, allocated_quantity)"
                          f" VALUES ('{reference}', '{sku}', {lines + free}, {eta_sql}, {lines})")
        statements.append("INSERT INTO allocations (batch_reference, orderid, sku, qty)"
                          f" SELECT '{reference}', '{reference}-' || i, '{sku}', 1 FROM generate_series(1, {lines}) i")
    psql(database, "BEGIN; " + "; ".join(statements) + "; COMMIT; ANALYZE allocations")


class Reallocations:
    """The line_allocated stream, read from now on."""

    def __init__(self, r):
        self.r = r
        newest = r.xrevrange("line_allocated", count=1)
        self.after = newest[0][0] if newest else b"0-0"
        self.seen = {}

    def wait_for(self, orderid, timeout):
        deadline = time.perf_counter() + timeout
        while orderid not in self.seen:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            got = self.r.xread({"line_allocated": self.after}, count=10_000, block=max(1, int(left * 1000)))
            for _, entries in got or []:
                for entry_id, fields in entries:
                    self.after = entry_id
                    data = json.loads(fields[b"data"])
                    self.seen[data.get("orderid")] = data.get("batchref")
        return self.seen.pop(orderid)


def send_change(r, transport, reference, qty):
    payload = json.dumps({"batchref": reference, "qty": qty})
    if transport == "pubsub":
        r.publish("change_batch_quantity", payload)
    else:
        r.xadd("change_batch_quantity", {"data": payload})


def cmd_history(a, r):
    sku = f"hist-w-{a.prior}-{uuid.uuid4().hex[:6]}"
    warehouse, shipment = f"{sku}-w", f"{sku}-s"
    seed(a.database, sku, [(warehouse, None, 1_000_000, a.prior), (shipment, "2030-01-01", 1_000_000, 0)])
    api = Api(a.api)
    # Allocations on the warehouse batch, after its prior lines: the newest lines, the changes give them back.
    lines, allocations = [f"{warehouse}-{i}" for i in range(a.prior - 10, a.prior + 1)], []
    for j in range(a.warmup + a.allocations):
        orderid = f"{sku}-a{j}"
        t0 = time.perf_counter()
        api.allocate(orderid, sku, 1)
        if j >= a.warmup:
            allocations.append((time.perf_counter() - t0) * 1000)
        lines.append(orderid)
    reallocations = Reallocations(r)
    allocated, changes, timeouts = a.prior + a.warmup + a.allocations, [], 0
    for k in range(min(a.warmup + a.rounds, len(lines))):
        newest = lines.pop()
        t0 = time.perf_counter()
        send_change(r, "pubsub", warehouse, allocated - 1 - k)
        batchref = reallocations.wait_for(newest, a.timeout)
        if batchref != shipment:
            timeouts += 1
        elif k >= a.warmup:
            changes.append((time.perf_counter() - t0) * 1000)
    added = []
    for j in range(a.warmup + a.batches):
        t0 = time.perf_counter()
        api.add_batch(f"{sku}-n{j}", sku, 10, "2030-02-01")
        if j >= a.warmup:
            added.append((time.perf_counter() - t0) * 1000)
    print(f"writes prior={a.prior} sku={sku} change_batch_quantity->line_allocated p50={pct(changes, 50):.2f}ms "
          f"add_batch p50={pct(added, 50):.2f}ms allocate p50={pct(allocations, 50):.2f}ms changes={len(changes)} "
          f"lost={timeouts}")
    return 1 if timeouts else 0


def cmd_contention(a, r):
    prefix = f"cont-{uuid.uuid4().hex[:6]}"
    sku = f"{prefix}-0"  # allocate.lua's name for the one SKU of NSKUS=1
    warehouse, changed = f"{sku}-w", [f"{sku}-b1", f"{sku}-b2"]
    lines = (a.changes + 1) // 2 + 1
    seed(a.database, sku, [(warehouse, None, 100_000_000, a.prior), (changed[0], "2030-01-01", 0, lines),
                           (changed[1], "2030-01-02", 0, lines)])
    r.delete("dead_letter")
    reallocations = Reallocations(r)
    wrk = subprocess.Popen(["wrk", "-t1", f"-c{a.connections}", f"-d{a.duration}s", "--timeout", "10s",
                            "-s", os.path.join(BENCH_DIR, "allocate.lua"), a.api + "/allocate", "--",
                            prefix, "1", prefix], env={**os.environ, "WRK_THREADS": "1"},
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)  # let the allocations get going before the first change
    started, round_trips, lost, last_sent = time.perf_counter(), [], 0, {}
    pace = (a.duration - 3) / a.changes
    for i in range(a.changes):
        reference, k = changed[i % 2], i // 2
        transport = "pubsub" if k % 2 == 0 else "stream"
        time.sleep(max(0.0, started + i * pace - time.perf_counter()))
        t0 = time.perf_counter()
        send_change(r, transport, reference, lines - 1 - k)
        last_sent[reference] = lines - 1 - k
        if reallocations.wait_for(f"{reference}-{lines - k}", a.timeout) == warehouse:
            round_trips.append((time.perf_counter() - t0) * 1000)
        else:
            lost += 1
    wrk_out, _ = wrk.communicate()
    result = re.search(r"^RESULT .*$", wrk_out, re.M)
    non201 = int(re.search(r"non201=(\d+)", result.group(0)).group(1)) if result else -1
    rps = float(re.search(r"rps=([\d.]+)", result.group(0)).group(1)) if result else 0.0
    final = dict(line.split("|") for line in psql(
        a.database, f"SELECT reference, purchased_quantity FROM batches WHERE reference IN "
                    f"('{changed[0]}', '{changed[1]}')").splitlines())
    wrong_final = sum(int(final[ref]) != qty for ref, qty in last_sent.items())
    over = int(psql(a.database, f"SELECT count(*) FROM batches b WHERE b.sku = '{sku}' AND (b.allocated_quantity > "
                                f"b.purchased_quantity OR b.allocated_quantity <> (SELECT coalesce(sum(qty), 0) "
                                f"FROM allocations a WHERE a.batch_reference = b.reference))"))
    dead = r.xlen("dead_letter")
    print(summary(f"contention prior={a.prior} changes under {a.connections} allocating connections, round trip",
                  round_trips or [float("nan")]))
    print(f"contention checks: changes taken effect {len(round_trips)} of {a.changes} (lost {lost}), final "
          f"quantities wrong {wrong_final}, dead letters {dead}, allocations {rps:.0f} req/s with non-201 {non201}, "
          f"batches over-allocated or inconsistent {over}")
    return 0 if (lost == 0 and wrong_final == 0 and dead == 0 and non201 == 0 and over == 0) else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=["history", "contention"])
    p.add_argument("--api", required=True)
    p.add_argument("--redis-url", required=True)
    p.add_argument("--database", required=True)
    p.add_argument("--prior", type=int, default=50_000)
    p.add_argument("--rounds", type=int, default=50, help="history: changes measured")
    p.add_argument("--batches", type=int, default=30, help="history: batches added, measured")
    p.add_argument("--allocations", type=int, default=100, help="history: allocations measured")
    p.add_argument("--warmup", type=int, default=5, help="history: unmeasured changes and batches first")
    p.add_argument("--changes", type=int, default=200, help="contention: changes sent")
    p.add_argument("--duration", type=int, default=30, help="contention: seconds of allocations")
    p.add_argument("--connections", type=int, default=8, help="contention: allocating connections")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one change's reallocation")
    a = p.parse_args()
    r = redis.Redis.from_url(a.redis_url)
    return {"history": cmd_history, "contention": cmd_contention}[a.command](a, r)


if __name__ == "__main__":
    sys.exit(main())
