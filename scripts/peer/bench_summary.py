"""The ratios scripts/bench-serving.sh is judged by, from its table rows (given as arguments):
each line names the target it is held to."""
import sys

rows = [[c.strip() for c in r.split("|")[1:]] for r in sys.argv[1:]]


def find(workload, server, conns):
    for r in rows:
        if r[0].startswith(workload) and r[1] == server and r[2] == str(conns):
            return r
    return None


def rps(workload, server, conns):
    r = find(workload, server, conns)
    return float(r[3]) if r and r[3] else None


def millis(text):
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return None


def latency(workload, server, conns, column):
    r = find(workload, server, conns)
    return millis(r[column]) if r else None


def ratio(label, a, b, target):
    if a is None or b is None:
        print(f"{label}: not measured")
    else:
        print(f"{label}: {a / b:.2f}x (target {target})")


JSON, BINARY, IRIS = "784-256-128-10, /v2 infer, JSON", "784-256-128-10, /v2 infer, binary", \
    "iris 4-8-3, /v2 infer, JSON"
PEER = "python peer"
print()
floor = rps("floor", "batching", 16)
ratio("iris /v2 at 16 connections, batching vs the liveness floor", rps(IRIS, "batching", 16), floor,
      ">= 1.0x")
ratio("iris /api/v1 at 16 connections vs the liveness floor",
      rps("iris 4-8-3, POST /api/v1", "batching", 16), floor, ">= 0.8x")
for prefix in ("", "before "):
    ON, OFF = prefix + "batching", prefix + "max-batch-size=1"
    if prefix and find(JSON, ON, 64) is None and find(BINARY, ON, 64) is None:
      break
    print(f"--- {prefix.strip() or 'this jar'}:")
    ratio("784-256-128-10 JSON at 64 connections, batching vs max-batch-size=1", rps(JSON, ON, 64),
          rps(JSON, OFF, 64), ">= 1.5x")
    ratio("784-256-128-10 JSON at 64 connections, batching vs the python peer", rps(JSON, ON, 64),
          rps(JSON, PEER, 64), ">= 1.5x")
    p99 = latency(JSON, ON, 64, 5)
    print(f"784-256-128-10 JSON at 64 connections, batching p99: "
          f"{'not measured' if p99 is None else f'{p99:.1f} ms'} (target <= 25 ms)")
    ratio("784-256-128-10 binary at 64 connections, batching vs the python peer (JSON)",
          rps(BINARY, ON, 64), rps(JSON, PEER, 64), ">= 3x")
    ratio("784-256-128-10 binary at 64 connections, batching vs the python peer (binary)",
          rps(BINARY, ON, 64), rps(BINARY, PEER, 64), "none, for reference")
    for workload in (IRIS, JSON, BINARY):
        on, off = latency(workload, ON, 1, 4), latency(workload, OFF, 1, 4)
        if on is not None and off is not None:
            print(f"{workload} at 1 connection, p50 batching / max-batch-size=1: {on / off:.2f}"
                  " (target <= 1.10)")
