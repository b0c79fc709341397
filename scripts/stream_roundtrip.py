"""The shared round-trip benchmark (../shared/bench/roundtrip.py), through the Redis Streams instead of pub/sub:
change_batch_quantity entries are XADDed to the stream of that name (field "data"), and the reallocations are
read back from the line_allocated stream, both in the Redis database the processes use.

Needs Debian's python3 with python3-redis, and the shared bench folder (BENCH_DIR, default ../shared/bench).

  /usr/bin/python3 scripts/stream_roundtrip.py throughput --api http://127.0.0.1:PORT \\
      --redis-url redis://127.0.0.1:6379/DB [-n 2000]
      prepares n orders over HTTP (each a fresh SKU with two batches, the order on the earlier one), then
      XADDs n change_batch_quantity entries at once (pipelined) and waits until the n matching line_allocated
      entries are on the stream; reports how fast, what is missing, and entries left pending in the group.
  /usr/bin/python3 scripts/stream_roundtrip.py latency --api ... --redis-url ... [--rounds 200]
      one order at a time; time from XADD to the matching line_allocated stream entry.
"""
import argparse
import json
import os
import sys
import threading
import time
import uuid

import redis

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("BENCH_DIR", os.path.join(HERE, "..", "..", "shared", "bench")))
from roundtrip import Api, prepare, summary  # noqa: E402  (the shared driver)


def newest_id(r, stream):
    newest = r.xrevrange(stream, count=1)
    return newest[0][0] if newest else b"0-0"


def read_allocated(r, after, block_ms):
    """The line_allocated entries after id `after`: (new last id, [(payload dict)])."""
    got = r.xread({"line_allocated": after}, count=10_000, block=block_ms)
    out = []
    for _, entries in got or []:
        for entry_id, fields in entries:
            after = entry_id
            out.append(json.loads(fields[b"data"]))
    return after, out


def cmd_latency(a, r):
    api = Api(a.api)
    prefix = f"srt-{uuid.uuid4().hex[:8]}"
    lat, timeouts = [], 0
    for i in range(a.warmup + a.rounds):
        orderid, early, later = prepare(api, prefix, i)
        after = newest_id(r, "line_allocated")
        t0 = time.perf_counter()
        r.xadd("change_batch_quantity", {"data": json.dumps({"batchref": early, "qty": 5})})
        found = False
        while not found:
            left = t0 + a.timeout - time.perf_counter()
            if left <= 0:
                timeouts += i >= a.warmup
                break
            after, entries = read_allocated(r, after, max(1, int(left * 1000)))
            found = any(d.get("orderid") == orderid and d.get("batchref") == later for d in entries)
        if found and i >= a.warmup:
            lat.append((time.perf_counter() - t0) * 1000)
    print(summary("roundtrip XADD change_batch_quantity -> line_allocated stream entry", lat))
    print(f"timeouts (> {a.timeout}s): {timeouts} of {a.rounds}")
    return 1 if timeouts else 0


def cmd_throughput(a, r):
    prefix = f"stp-{uuid.uuid4().hex[:8]}"
    orders, errors, nxt, lock = [None] * a.n, [], [0], threading.Lock()

    def worker():
        api = Api(a.api)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= a.n:
                return
            try:
                orders[i] = prepare(api, prefix, i)
            except Exception as e:  # report, don't hide
                with lock:
                    errors.append(str(e))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"prepared {a.n - len(errors)} orders over HTTP in {time.perf_counter() - t0:.1f}s")
    if errors:
        print("preparation errors:", len(errors), errors[:3])
        return 1

    expected = {o: later for o, _, later in orders}
    after = newest_id(r, "line_allocated")
    pipe = r.pipeline(transaction=False)
    for _, early, _ in orders:
        pipe.xadd("change_batch_quantity", {"data": json.dumps({"batchref": early, "qty": 5})})
    t0 = time.perf_counter()
    pipe.execute()
    t_add = time.perf_counter() - t0
    arrivals, wrong, duplicates = [], 0, 0
    last = time.perf_counter()
    while expected:
        after, entries = read_allocated(r, after, 1000)
        now = time.perf_counter()
        if not entries:
            if now - last > a.idle_timeout:
                break
            continue
        last = now
        for d in entries:
            o = d.get("orderid")
            if o in expected:
                if d.get("batchref") == expected[o]:
                    del expected[o]
                    arrivals.append(now - t0)
                else:
                    wrong += 1  # the HTTP allocation's own event, relayed late: not a reallocation
            elif o is not None and o.startswith(prefix):
                duplicates += 1
    print(f"added {a.n} change_batch_quantity entries in {t_add * 1000:.0f}ms")
    got = len(arrivals)
    if got:
        span = max(arrivals)
        print(f"received {got}/{a.n} matching line_allocated entries; first after {min(arrivals) * 1000:.0f}ms, "
              f"all received after {span:.2f}s -> {got / span:.0f} reallocations/s")
    time.sleep(0.5)  # the last acknowledgements follow the last commits
    pending = r.xpending("change_batch_quantity", "allocation")["pending"]
    print(f"missing: {len(expected)} (waited {a.idle_timeout}s after the last entry); other batchref first: {wrong}; "
          f"duplicates: {duplicates}; entries pending in the group: {pending}")
    return 1 if expected else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["latency", "throughput"])
    p.add_argument("--api", required=True, help="base URL of the HTTP API")
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/0",
                   help="the processes' ALLOCATION_REDIS_URL: the streams live in its database")
    p.add_argument("--rounds", type=int, default=200, help="latency: measured rounds")
    p.add_argument("--warmup", type=int, default=10, help="latency: unmeasured rounds first")
    p.add_argument("--timeout", type=float, default=10.0, help="latency: seconds per round")
    p.add_argument("-n", type=int, default=2000, help="throughput: orders")
    p.add_argument("--workers", type=int, default=8, help="throughput: HTTP preparation threads")
    p.add_argument("--idle-timeout", type=float, default=30.0)
    a = p.parse_args()
    r = redis.Redis.from_url(a.redis_url)
    r.ping()
    sys.exit(cmd_latency(a, r) if a.mode == "latency" else cmd_throughput(a, r))


if __name__ == "__main__":
    main()
