#!/usr/bin/env bash
# Server CPU per request of two jars, paired: A and B run at once, are warmed the same way (WARM
# seconds of wrk at 64 connections, split over the /v2 bodies of scripts/peer/bench_bodies.py), then
# each body is measured on A, then on B, ROUNDS times, DURATION each at CONNS connections. CPU per
# request is the server process's utime+stime (/proc/PID/stat) over the run, divided by the requests
# wrk completed; alternating A and B puts both under the same machine load.
#
# Usage: scripts/cpu-pair-serving.sh before.jar after.jar
#        WARM=45 DURATION=15s CONNS=64 ROUNDS=2 CPU_PORT_BASE=18120 (A on it, B on the next)
# Needs: Linux (/proc), a JDK 17+, curl, python3, wrk.
set -euo pipefail
A="$1"; B="$2"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
if [[ -n "${CPU_PORT_BASE:-}" ]]; then PA=$CPU_PORT_BASE; PB=$((CPU_PORT_BASE + 1)); else PA=$(free_port); PB=$(free_port); fi
WARM="${WARM:-45}"; DURATION="${DURATION:-15s}"; CONNS="${CONNS:-64}"; ROUNDS="${ROUNDS:-2}"
cd "$(dirname "$0")/.."
WORK="$(mktemp -d -t cpu-pair.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
python3 scripts/peer/bench_bodies.py "$WORK"
start() { java -jar "$1" --server.address=127.0.0.1 --server.port="$2" --backprop.data-dir="$WORK/data-$2" >"$WORK/server-$2.log" 2>&1 & PIDS+=($!); }
start "$A" $PA; start "$B" $PB
for port in $PA $PB; do
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
  for model in iris mnist; do
    curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/$model.json" "http://127.0.0.1:$port/api/v1/networks/import"
  done
done
lua() { python3 - "$@" <<'PY'
import sys
file, path, kind = sys.argv[1:4]
data = open(file, "rb").read()
header = ('{["Inference-Header-Content-Length"] = "%s"}' % open(file + ".header-length").read().strip()) if kind == "binary" else '{["Content-Type"] = "application/json"}'
with open(file + ".lua", "w") as f:
    f.write('local body = "%s"\nlocal req\n' % "".join("\\%d" % b for b in data))
    f.write('init = function(args) req = wrk.format("POST", "%s", %s, body) end\n' % (path, header))
    f.write("request = function() return req end\n")
PY
echo "$1.lua"; }
L1=$(lua "$WORK/iris-v2.json" /v2/models/bench-iris/infer json)
L2=$(lua "$WORK/mnist-v2.json" /v2/models/bench-mnist/infer json)
L3=$(lua "$WORK/mnist-v2.bin" /v2/models/bench-mnist/infer binary)
pid_of() { if [[ "$1" == "$PA" ]]; then echo "${PIDS[0]}"; else echo "${PIDS[1]}"; fi; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
for port in $PA $PB; do
  for l in "$L1" "$L2" "$L3"; do wrk -t2 -c64 -d"$((WARM/3))s" -s "$l" "http://127.0.0.1:$port" >/dev/null; done
done
HZ=$(getconf CLK_TCK)
printf '| %-22s | %-6s | %9s | %8s | %8s | %12s |\n' body jar "req/s" p50 p99 "CPU µs/req"
for round in $(seq 1 "$ROUNDS"); do
  for name in "iris JSON:$L1" "784 JSON:$L2" "784 binary:$L3"; do
    label="${name%%:*}"; l="${name#*:}"
    for port in $PA $PB; do
      pid=$(pid_of $port); t0=$(ticks "$pid")
      out="$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$l" "http://127.0.0.1:$port")"
      t1=$(ticks "$pid")
      req=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      jar=$([[ $port == $PA ]] && echo A || echo B)
      cpu=$(python3 -c "print(f'{($t1-$t0)/$HZ*1e6/$req:.0f}')")
      printf '| %-22s | %-6s | %9s | %8s | %8s | %12s |\n' "$label r$round" "$jar" "$rps" "$p50" "$p99" "$cpu"
    done
  done
done
