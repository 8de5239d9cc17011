#!/usr/bin/env bash
# Heap allocated per request on the serving path, from JFR: starts the jar on a free loopback port
# (or BENCH_PORT_BASE), imports the benchmark's models (scripts/peer/bench_bodies.py), and for each
# request body warms the path for ALLOC_WARMUP (default 20s) at 16 connections, then records
# ALLOC_DURATION (default 10s) with JFR and prints the bytes every Java thread allocated during the
# recording (jdk.ThreadAllocationStatistics, emitted at the recording's start and end) divided by
# the requests wrk completed. Background work (metrics, the database check) is counted too, which
# over thousands of requests is noise.
#
# Usage: scripts/alloc-serving.sh             (BENCH_JAR=... to measure a given jar; else target/)
#        ALLOC_ARGS="--backprop.serving.max-batch-size=1" scripts/alloc-serving.sh
# Needs: a JDK 17+ (java, jcmd, jfr), curl, python3, wrk.
set -euo pipefail

cd "$(dirname "$0")/.."
WARMUP="${ALLOC_WARMUP:-20s}"
DURATION="${ALLOC_DURATION:-10s}"
JAR="${BENCH_JAR:-$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)}"
WORK="$(mktemp -d -t backprop-alloc.XXXXXX)"
PORT="${BENCH_PORT_BASE:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 scripts/peer/bench_bodies.py "$WORK"
# shellcheck disable=SC2086
java -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --backprop.data-dir="$WORK/data" \
  ${ALLOC_ARGS:-} >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/server.log" >&2; exit 1; }
  sleep 1
done
for model in iris mnist; do
  curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/$model.json" \
    "$BASE/api/v1/networks/import"
done

lua() { # file path content-type|binary -> lua
  python3 - "$@" <<'PY'
import sys
file, path, kind = sys.argv[1:4]
data = open(file, "rb").read()
if kind == "binary":
    header = '{["Inference-Header-Content-Length"] = "%s"}' % open(file + ".header-length").read().strip()
else:
    header = '{["Content-Type"] = "application/json"}'
with open(file + ".lua", "w") as f:
    f.write('local body = "%s"\nlocal req\n' % "".join("\\%d" % b for b in data))
    f.write('init = function(args) req = wrk.format("POST", "%s", %s, body) end\n' % (path, header))
    f.write("request = function() return req end\n")
PY
  echo "$1.lua"
}

printf '| %-40s | %9s | %15s |\n' "request" "requests" "bytes/request"
printf '|%s|%s|%s|\n' "------------------------------------------" "-----------" "-----------------"
measure() { # label lua
  wrk -t2 -c16 -d"$WARMUP" -s "$2" "$BASE" >/dev/null
  jcmd "$SERVER_PID" JFR.start name=alloc filename="$WORK/alloc.jfr" >/dev/null
  local out
  out="$(wrk -t2 -c16 -d"$DURATION" -s "$2" "$BASE")"
  jcmd "$SERVER_PID" JFR.stop name=alloc >/dev/null
  local requests
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  jfr print --json --events jdk.ThreadAllocationStatistics "$WORK/alloc.jfr" >"$WORK/alloc.json"
  python3 - "$WORK/alloc.json" "$requests" "$1" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
low, high = {}, {}
for e in events:
    thread, allocated = e["values"]["thread"]["javaThreadId"], e["values"]["allocated"]
    low[thread] = min(low.get(thread, allocated), allocated)
    high[thread] = max(high.get(thread, allocated), allocated)
total = sum(high[t] - low[t] for t in high)
requests = int(sys.argv[2])
print(f"| {sys.argv[3]:<40} | {requests:>9} | {total / requests:>15,.0f} |")
PY
}
measure "iris 4-8-3, POST /api/v1 predictions" "$(lua "$WORK/iris-v1.json" /api/v1/networks/bench-iris/predictions json)"
measure "784-256-128-10, POST /api/v1 predictions" "$(lua "$WORK/mnist-v1.json" /api/v1/networks/bench-mnist/predictions json)"
measure "iris 4-8-3, /v2 infer, JSON" "$(lua "$WORK/iris-v2.json" /v2/models/bench-iris/infer json)"
measure "784-256-128-10, /v2 infer, JSON" "$(lua "$WORK/mnist-v2.json" /v2/models/bench-mnist/infer json)"
measure "784-256-128-10, /v2 infer, binary" "$(lua "$WORK/mnist-v2.bin" /v2/models/bench-mnist/infer binary)"
