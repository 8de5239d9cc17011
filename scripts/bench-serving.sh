#!/usr/bin/env bash
# Serving benchmark: starts the jar on a free loopback port with a temporary data directory,
# imports an iris-size model (4-8-3) and a 784-256-128-10 model (seeded random weights), and
# measures with wrk: requests/s and p50/p99 latency of one-row predictions at 1, 16 and 64
# connections, next to /actuator/health/liveness as the floor; then 784-256-128-10 at 64
# connections with dynamic batching (the defaults) and with backprop.serving.max-batch-size=1;
# and 784-256-128-10 at 64 connections with Triton's binary tensor data in and out against JSON,
# both paths warmed the same way first (BENCH_JIT_WARMUP each, default 45s: on 2 cores the JIT needs
# about that long before the numbers settle).
#
# Usage: scripts/bench-serving.sh            (builds the jar first)
#        BENCH_SKIP_BUILD=1 BENCH_DURATION=10s BENCH_WARMUP=3s BENCH_JIT_WARMUP=45s \
#          scripts/bench-serving.sh
#        BENCH_JAVA_OPTS="-Xmx1g" scripts/bench-serving.sh -- --backprop.serving.max-queue-delay=0
#          (arguments after -- go to every start of the jar)
# Needs: a JDK 17+, curl, python3, wrk (Debian/Ubuntu: apt-get install -y wrk; installed here
# when missing and running as root). Traffic is loopback only and each run is bounded in time.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-3s}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-45s}"
EXTRA_ARGS=()
if [[ "${1:-}" == "--" ]]; then
  shift
  EXTRA_ARGS=("$@")
fi

if ! command -v wrk >/dev/null; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "installing wrk (apt-get install -y wrk)" >&2
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is needed: apt-get install -y wrk (or brew install wrk)" >&2
    exit 1
  fi
fi
for tool in curl python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi
JAR="$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)"

source scripts/bench-common.sh backprop-bench
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"

start_server() {
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --backprop.data-dir="$WORK/data" "${EXTRA_ARGS[@]}" "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 180); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  echo "the service did not become ready; its log:" >&2
  tail -50 "$WORK/server.log" >&2
  exit 1
}

# Model documents and request bodies, with seeded random weights and inputs.
python3 - "$WORK" <<'PY'
import json, random, struct, sys
work = sys.argv[1]
rnd = random.Random(42)

def document(name, inputs, units, labels=None, standardization=None):
    layers, defs, fan_in = [], [], inputs
    for i, u in enumerate(units):
        scale = (2.0 / (fan_in + u)) ** 0.5
        layers.append({"weights": [[round(rnd.gauss(0, scale), 5) for _ in range(fan_in)] for _ in range(u)],
                       "biases": [round(rnd.uniform(-0.1, 0.1), 5) for _ in range(u)]})
        defs.append({"units": u, "activation": "softmax" if i == len(units) - 1 else "relu"})
        fan_in = u
    net = {"name": name, "inputs": inputs, "layers": defs, "loss": "cross_entropy", "seed": 42}
    if labels:
        net["labels"] = labels
    return {"format": "backprop-model", "formatVersion": 1, "network": net, "version": 1,
            "standardization": standardization, "layers": layers}

with open(f"{work}/iris.json", "w") as f:
    json.dump(document("bench-iris", 4, [8, 3], ["setosa", "versicolor", "virginica"],
                       {"mean": [5.8, 3.0, 3.7, 1.2], "std": [0.8, 0.4, 1.7, 0.7]}), f)
with open(f"{work}/mnist.json", "w") as f:
    json.dump(document("bench-mnist", 784, [256, 128, 10]), f)
with open(f"{work}/iris-v1.json", "w") as f:
    json.dump({"inputs": [[5.1, 3.5, 1.4, 0.2]]}, f)
with open(f"{work}/iris-v2.json", "w") as f:
    json.dump({"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                           "data": [5.1, 3.5, 1.4, 0.2]}]}, f)
pixels = [round(rnd.random(), 3) for _ in range(784)]
with open(f"{work}/mnist-v2.json", "w") as f:
    json.dump({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32",
                           "data": pixels}]}, f)
# The same row as tritonclient sends it by default (binary tensor data in, and out for every
# output): the compact JSON header, then the 784 values as little-endian float32.
header = json.dumps({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32",
                                 "parameters": {"binary_data_size": 784 * 4}}],
                     "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
with open(f"{work}/mnist-v2.bin", "wb") as f:
    f.write(header + struct.pack("<784f", *pixels))
with open(f"{work}/mnist-v2.bin.header-length", "w") as f:
    f.write(str(len(header)))
PY

# One wrk Lua script per request body.
lua_for() { # body-file -> lua file
  local lua="$1.lua"
  python3 - "$1" "$lua" <<'PY'
import sys
body = open(sys.argv[1]).read()
with open(sys.argv[2], "w") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = [==[" + body + "]==]\n")
PY
  echo "$lua"
}

# The wrk Lua script of a binary body: the bytes as a Lua string of decimal escapes (wrk's LuaJIT
# has no string.pack), sent as tritonclient sends them, without Content-Type.
binary_lua_for() { # body-file header-length-file -> lua file
  local lua="$1.lua"
  python3 - "$1" "$2" "$lua" <<'PY'
import sys
body = open(sys.argv[1], "rb").read()
length = open(sys.argv[2]).read().strip()
with open(sys.argv[3], "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.headers["Inference-Header-Content-Length"] = "' + length + '"\n')
    f.write('wrk.body = "' + "".join("\\%d" % b for b in body) + '"\n')
PY
  echo "$lua"
}

ROWS=()
# measure <label> <connections> <path> [lua]
measure() {
  local label="$1" conns="$2" path="$3" lua="${4:-}"
  local threads=$((conns < 2 ? 1 : 2))
  local args=(-t"$threads" -c"$conns" --latency --timeout 5s)
  [[ -n "$lua" ]] && args+=(-s "$lua")
  wrk "${args[@]}" -d"$WARMUP" "$BASE$path" >/dev/null
  local out
  out="$(wrk "${args[@]}" -d"$DURATION" "$BASE$path")"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors:/ {print "socket:" $0}' <<<"$out" | tr '\n' ' ')"
  ROWS+=("$(printf '| %-44s | %5s | %10s | %9s | %9s | %s' "$label" "$conns" "$rps" "$p50" "$p99" "${errors:-0}")")
  echo "measured: $label c=$conns: $rps req/s, p50 $p50, p99 $p99" >&2
}

echo "starting the service on $BASE (data in $WORK)" >&2
start_server
for model in iris mnist; do
  code="$(curl -s -o "$WORK/import-$model.out" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$WORK/$model.json" "$BASE/api/v1/networks/import")"
  [[ "$code" == "201" ]] || { echo "import of $model failed: $code $(cat "$WORK/import-$model.out")" >&2; exit 1; }
done
IRIS_V1="$(lua_for "$WORK/iris-v1.json")"
IRIS_V2="$(lua_for "$WORK/iris-v2.json")"
MNIST_V2="$(lua_for "$WORK/mnist-v2.json")"
MNIST_BINARY="$(binary_lua_for "$WORK/mnist-v2.bin" "$WORK/mnist-v2.bin.header-length")"
for body in iris-v2 mnist-v2; do # the request bodies must be answered before they are measured
  curl -fs -H 'Content-Type: application/json' --data-binary "@$WORK/$body.json" \
    "$BASE/v2/models/bench-${body%-v2}/infer" >/dev/null
done
curl -fs -H 'Content-Type: application/octet-stream' \
  -H "Inference-Header-Content-Length: $(cat "$WORK/mnist-v2.bin.header-length")" \
  --data-binary "@$WORK/mnist-v2.bin" "$BASE/v2/models/bench-mnist/infer" -D "$WORK/binary.headers" >/dev/null
grep -qi '^Inference-Header-Content-Length:' "$WORK/binary.headers" || {
  echo "the binary request was not answered with binary data" >&2
  exit 1
}

for c in 1 16 64; do
  measure "floor: GET /actuator/health/liveness" "$c" /actuator/health/liveness
  measure "iris 4-8-3, 1 row, POST /api/v1 predictions" "$c" /api/v1/networks/bench-iris/predictions "$IRIS_V1"
  measure "iris 4-8-3, 1 row, POST /v2 infer" "$c" /v2/models/bench-iris/infer "$IRIS_V2"
done
measure "784-256-128-10, 1 row, /v2 infer, batching" 64 /v2/models/bench-mnist/infer "$MNIST_V2"
curl -s "$BASE/actuator/prometheus" | grep -E '^backprop_inference_batch_size_rows_(sum|count)\{.*bench-mnist' >"$WORK/batches.txt" || true
# Binary against JSON: both paths warmed the same way (the JIT compiles the parsers it sees), then
# each measured as every row is.
for lua in "$MNIST_V2" "$MNIST_BINARY"; do
  echo "warming up $(basename "$lua") for $JIT_WARMUP" >&2
  wrk -t2 -c64 --timeout 5s -d"$JIT_WARMUP" -s "$lua" "$BASE/v2/models/bench-mnist/infer" >/dev/null
done
measure "784-256-128-10, 1 row, /v2 infer, JSON" 64 /v2/models/bench-mnist/infer "$MNIST_V2"
measure "784-256-128-10, 1 row, /v2 infer, binary" 64 /v2/models/bench-mnist/infer "$MNIST_BINARY"

stop_server
echo "restarting with --backprop.serving.max-batch-size=1" >&2
start_server --backprop.serving.max-batch-size=1
measure "784-256-128-10, 1 row, /v2 infer, max-batch-size=1" 64 /v2/models/bench-mnist/infer "$MNIST_V2"
stop_server

echo
echo "$(nproc) cores, wrk ${DURATION} per row after ${WARMUP} warm-up; $(java -version 2>&1 | head -1)"
echo
printf '| %-44s | %5s | %10s | %9s | %9s | %s\n' "endpoint" "conns" "req/s" "p50" "p99" "errors"
printf '|%s|%s|%s|%s|%s|%s\n' "----------------------------------------------" "-------" "------------" "-----------" "-----------" "-------"
printf '%s\n' "${ROWS[@]}"
python3 - "${ROWS[@]}" <<'PY'
import sys
rows = [r.split("|") for r in sys.argv[1:]]
def rps(label, conns):
    for r in rows:
        if r[1].strip().startswith(label) and r[2].strip() == str(conns):
            return float(r[3])
floor = rps("floor", 16)
for api in ("POST /api/v1", "POST /v2"):
    iris = rps("iris 4-8-3, 1 row, " + api, 16)
    print(f"\niris {api} at 16 connections: {iris / floor:.2f}x the floor (target >= 0.8x)", end="")
batched = rps("784-256-128-10, 1 row, /v2 infer, batching", 64)
single = rps("784-256-128-10, 1 row, /v2 infer, max-batch-size=1", 64)
print(f"\n784-256-128-10 at 64 connections: batching {batched / single:.2f}x max-batch-size=1 (target >= 4x)")
json_rps = rps("784-256-128-10, 1 row, /v2 infer, JSON", 64)
binary_rps = rps("784-256-128-10, 1 row, /v2 infer, binary", 64)
print(f"784-256-128-10 at 64 connections: binary tensor data in and out {binary_rps / json_rps:.2f}x JSON")
PY
if [[ -s "$WORK/batches.txt" ]]; then
  awk '{ split($1, a, "{"); v[a[1]] = $2 } END { if (v["backprop_inference_batch_size_rows_count"] > 0) printf "784-256-128-10 with batching: mean batch %.1f rows over %d feedforwards\n", v["backprop_inference_batch_size_rows_sum"] / v["backprop_inference_batch_size_rows_count"], v["backprop_inference_batch_size_rows_count"] }' "$WORK/batches.txt"
fi
