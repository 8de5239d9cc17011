"""The rows of scripts/bench-serving.sh's table from its rounds: each argument is one measurement,
"workload|server|conns|req/s|p50|p99|CPU µs/req|errors" (latencies as wrk prints them: 34.00us,
1.23ms, 1.02s). Prints one table row per workload, server and connection count, in the order first
measured: the median of its rounds for each column (req/s, p50, p99 and CPU each on its own), and
the errors of every round. Rounds alternate the servers, so a median compares like with like even
when the machine's load moves between rounds."""
import statistics
import sys


def micros(text):
    for unit, scale in (("us", 1.0), ("ms", 1000.0), ("s", 1e6)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return None


def latency(us):
    if us is None:
        return ""
    return f"{us:.0f}us" if us < 1000 else f"{us / 1000:.2f}ms"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


groups = {}
for line in sys.argv[1:]:
    workload, server, conns, rps, p50, p99, cpu, errors = line.split("|")
    group = groups.setdefault((workload, server, conns), [])
    group.append((float(rps) if rps else None, micros(p50), micros(p99),
                  float(cpu) if cpu else None, errors.strip()))

for (workload, server, conns), rounds in groups.items():
    rps = median(r[0] for r in rounds)
    cpu = median(r[3] for r in rounds)
    errors = [r[4] for r in rounds if r[4] not in ("", "0")]
    print("| %-36s | %-23s | %5s | %10s | %9s | %9s | %10s | %s" % (
        workload, server, conns, "" if rps is None else f"{rps:.0f}",
        latency(median(r[1] for r in rounds)), latency(median(r[2] for r in rounds)),
        "" if cpu is None else f"{cpu:.0f}", "; ".join(errors) or "0"))
