#!/usr/bin/env bash
# How steady this machine's cores are, and so how much a batch split evenly across them can gain.
#
# A training job split across threads (backprop.training.threads-per-job) gives each thread an
# equal share of each step and waits at barriers for the slowest, so a step runs at the speed of
# the slowest core times the number of threads, while a one-thread job runs at one core's speed.
# On a virtual machine whose cores, caches and memory are shared with other tenants, those speeds
# move, each on its own. This script measures that with a busy loop pinned to each core
# (scripts/probe/CpuSteadiness.java: a fused multiply-add over two arrays of floats, counting
# passes per 100 ms window), for each working set in CPU_PROBE_KIB (default "1024 32768": 1 MiB,
# about what a thread of a 784-256-128-10 step keeps in its caches, and 32 MiB, which streams from
# memory as a job's rows do), in PHASES rounds of SECONDS on the first core alone, then SECONDS on
# every core at once. It prints each core's speed (median, 5th and 95th percentiles of the
# windows), each core while all are busy against one alone, the share of the cores' summed speed an
# even split gets (k x the slowest / the sum, per window and per second), and from those the most
# that k threads in lockstep can give over one, before any cost of their own.
#
# Usage: scripts/cpu-steadiness.sh [SECONDS per phase, default 10] [PHASES, default 3]
#        CPU_PROBE_KIB=64 scripts/cpu-steadiness.sh   (one working set, in L1/L2: the cores alone)
# Needs: a JDK 11+ (java runs the probe from source), taskset (util-linux), python3.
set -euo pipefail

cd "$(dirname "$0")/.."
PHASE_SECONDS="${1:-10}"
PHASES="${2:-3}"
for tool in java taskset python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cpu-steadiness.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The cores this shell may run on, e.g. "0-1" or "0,2,4", one number a line.
CPUS=($(python3 -c 'import os; print(" ".join(map(str, sorted(os.sched_getaffinity(0)))))'))
report() { # kib
  python3 - "$WORK/$1" "$PHASES" "$1" "${CPUS[@]}" <<'PY'
import os, statistics, sys
from collections import defaultdict

work, phases, kib, cpus = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
k = len(cpus)

def windows(path):
    return {int(t): int(n) for t, n in (line.split() for line in open(path) if line.strip())}

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]

alone = [n for p in range(1, phases + 1) for n in windows(f"{work}/alone-{p}").values()]
busy = defaultdict(list)          # core -> speeds
shares, shares_s = [], []         # k x slowest / sum, per window and per second
for p in range(1, phases + 1):
    per_core = {c: windows(f"{work}/busy-{p}-{c}") for c in cpus}
    common = sorted(set.intersection(*(set(w) for w in per_core.values())))
    seconds = defaultdict(lambda: defaultdict(int))
    for t in common:
        speeds = [per_core[c][t] for c in cpus]
        for c, s in zip(cpus, speeds):
            busy[c].append(s)
            seconds[t // 1000][c] += s
        shares.append(k * min(speeds) / sum(speeds))
    for sec in seconds.values():
        if len(sec) == k:
            shares_s.append(k * min(sec.values()) / sum(sec.values()))

print(f"\nCore speeds on {kib} KiB: passes per 100 ms window over {phases} phases of each kind"
      " (median, 5th - 95th percentile)\n")
print("| core | alone | all cores busy | busy / alone |")
print("|---|---:|---:|---:|")
base = statistics.median(alone)
print(f"| {cpus[0]} alone | {base:,.0f} ({pct(alone, 5):,} - {pct(alone, 95):,}) | | |")
for c in cpus:
    m = statistics.median(busy[c])
    print(f"| {c} | | {m:,.0f} ({pct(busy[c], 5):,} - {pct(busy[c], 95):,}) | {m / base:.2f} |")
busy_ratio = statistics.median([statistics.median(busy[c]) for c in cpus]) / base
share, share_s = statistics.mean(shares), statistics.mean(shares_s)
print(f"\nAn even split across the {k} cores gets {share:.1%} of their summed speed per window"
      f" ({pct(shares, 5):.1%} at the 5th percentile), {share_s:.1%} per second.")
print(f"So {k} threads in lockstep can run at most {k} x {busy_ratio:.2f} x {share:.3f}"
      f" = {k * busy_ratio * share:.2f}x one thread alone, before any cost of their own.")
PY
}
PROBE=scripts/probe/CpuSteadiness.java
# Each probe starts 2 s early (the JVM compiles the source and the loop); those windows are dropped.
probe() { # kib phase
  local kib="$1" phase="$2" cpu
  echo "$kib KiB, phase $phase: core ${CPUS[0]} alone, ${PHASE_SECONDS}s" >&2
  taskset -c "${CPUS[0]}" java "$PROBE" $((PHASE_SECONDS + 2)) "$kib" | tail -n +21 \
    >"$WORK/$kib/alone-$phase"
  echo "$kib KiB, phase $phase: cores ${CPUS[*]} at once, ${PHASE_SECONDS}s" >&2
  for cpu in "${CPUS[@]}"; do
    taskset -c "$cpu" java "$PROBE" $((PHASE_SECONDS + 2)) "$kib" | tail -n +21 \
      >"$WORK/$kib/busy-$phase-$cpu" &
  done
  wait
}

for kib in ${CPU_PROBE_KIB:-1024 32768}; do
  mkdir -p "$WORK/$kib"
  for phase in $(seq 1 "$PHASES"); do probe "$kib" "$phase"; done
  report "$kib"
done
