#!/usr/bin/env bash
# Serving benchmark, side by side in one run: Backprop with dynamic batching (the defaults), Backprop
# with backprop.serving.max-batch-size=1, and the Python peer (scripts/peer/v2_peer.py: FastAPI +
# uvicorn with uvloop and httptools, 2 workers, + PyTorch) serving the same networks, exported from
# Backprop. All three run at once on loopback ports and are measured in turn, row by row, so that
# every ratio compares numbers taken minutes apart under the same machine load.
#
# Every server is warmed the same way first: BENCH_JIT_WARMUP (default 45s) of wrk at 64
# connections cycling through every request body it will be measured with. On 2 cores the JIT needs
# about 40 s of that before the req/s settle (measured: see README, "Benchmark").
#
# Rows: the liveness floor and iris (4-8-3) on /api/v1 (Backprop only); iris on /v2 JSON and
# 784-256-128-10 on /v2 JSON and with binary tensor data in and out, on all three servers; each at
# 1, 16 and 64 connections, one row per request; req/s, p50, p99, and each server's CPU µs per
# request (utime + stime of its process and its children, from /proc/<pid>/stat, over the measured
# window, divided by the requests wrk counted: the cost per request, whatever the machine load).
#
# Each row is measured BENCH_ROUNDS (default 3) times, the servers alternating, and the table gives
# the median of each column: at one connection, single 10 s runs gave two servers on the same code
# path p50s 0.65x (JSON) and 1.21x (binary) apart.
#
# Usage: scripts/bench-serving.sh [--quick]      (builds the jar first)
#        --quick: 5 s warm-up, 3 s rows, one round: a smoke run, not a measurement
#        BENCH_SKIP_BUILD=1 BENCH_DURATION=5s BENCH_WARMUP=2s BENCH_ROUNDS=3 BENCH_JIT_WARMUP=45s \
#          BENCH_PORT_BASE=18091 BENCH_PYTHON=/usr/bin/python3 scripts/bench-serving.sh
#        BENCH_JAVA_OPTS="-Xmx1g" scripts/bench-serving.sh -- --backprop.serving.max-queue-delay=0
#          (arguments after -- go to both starts of the jar)
# BENCH_JAR: a jar to measure instead of building one (e.g. a copy of an earlier build).
# BENCH_BEFORE_JAR: a second jar, started twice more like the first ("before batching", "before
#   max-batch-size=1") and measured beside it in the same run, e.g. main's build against a branch's.
# BENCH_JAVA, BENCH_JAVA_OPTS: the java that runs Backprop (default: java on the PATH) and its
#   options; BENCH_BEFORE_JAVA, BENCH_BEFORE_JAVA_OPTS: those that run BENCH_BEFORE_JAR (default:
#   the same). One jar on two JDKs, or with and without a JVM option, side by side:
#   BENCH_BEFORE_JAR=target/backprop-….jar BENCH_BEFORE_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java \
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java scripts/bench-serving.sh
# BENCH_ROWS: which workloads to measure (default all): any of floor iris-v1 iris-json mnist-json
#   mnist-binary, space-separated. Every server is still warmed on every body.
# BENCH_CONNECTIONS: the connection counts, in order (default "1 16 64").
#   e.g. BENCH_ROWS="mnist-json mnist-binary" BENCH_CONNECTIONS="1 64" scripts/bench-serving.sh
# BENCH_PORT_BASE: the servers take that port and the next ones (three, five with
#   BENCH_BEFORE_JAR; default: free ports).
# Needs: a JDK 17+, curl, python3, wrk (Debian/Ubuntu: apt-get install -y wrk; installed here when
# missing and running as root). The peer row needs, for BENCH_PYTHON (default /usr/bin/python3 when
# it exists), fastapi, uvicorn, uvloop, httptools and torch (Debian: python3-fastapi python3-uvicorn
# python3-uvloop python3-httptools python3-torch); without them it is skipped with a note. Traffic
# is loopback only and each run is bounded in time.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${BENCH_DURATION:-5s}"
WARMUP="${BENCH_WARMUP:-2s}"
ROUNDS="${BENCH_ROUNDS:-3}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-45s}"
ROW_KEYS=" ${BENCH_ROWS:-floor iris-v1 iris-json mnist-json mnist-binary} "
CONNECTIONS="${BENCH_CONNECTIONS:-1 16 64}"
BEFORE_JAR="${BENCH_BEFORE_JAR:-}"
JAVA="${BENCH_JAVA:-java}"
BEFORE_JAVA="${BENCH_BEFORE_JAVA:-$JAVA}"
JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
BEFORE_JAVA_OPTS="${BENCH_BEFORE_JAVA_OPTS-$JAVA_OPTS}"
if [[ "${1:-}" == "--quick" ]]; then
  shift
  DURATION="${BENCH_DURATION:-3s}"
  WARMUP="${BENCH_WARMUP:-1s}"
  JIT_WARMUP="${BENCH_JIT_WARMUP:-5s}"
  ROUNDS="${BENCH_ROUNDS:-1}"
fi
EXTRA_ARGS=()
if [[ "${1:-}" == "--" ]]; then
  shift
  EXTRA_ARGS=("$@")
fi
PYTHON="${BENCH_PYTHON:-$([[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3)}"
source "$(dirname "$0")/peer-blas.sh"

if ! command -v wrk >/dev/null; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "installing wrk (apt-get install -y wrk)" >&2
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is needed: apt-get install -y wrk (or brew install wrk)" >&2
    exit 1
  fi
fi
for tool in curl python3 "$JAVA" "$BEFORE_JAVA"; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" && -z "${BENCH_JAR:-}" ]]; then
  echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi
JAR="${BENCH_JAR:-$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)}"

WORK="$(mktemp -d -t backprop-bench.XXXXXX)"
# Five free ports, all bound at once before any is released, so that no two servers are given the
# same one (one at a time, the kernel may hand a port just released out again: the peer then failed
# with "address already in use" while a Backprop on that port answered its readiness check).
free_ports() { # count
  python3 -c '
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
' "$1"
}
PORTS=()
if [[ -n "${BENCH_PORT_BASE:-}" ]]; then
  for i in 0 1 2 3 4; do PORTS+=("$((BENCH_PORT_BASE + i))"); done
else
  read -r -a PORTS <<<"$(free_ports 5)"
fi
# The servers compared, by label: base URL and process id (for its CPU time).
declare -A BASE=([batching]="http://127.0.0.1:${PORTS[0]}" [max-batch-size=1]="http://127.0.0.1:${PORTS[1]}"
  [python peer]="http://127.0.0.1:${PORTS[2]}" [before batching]="http://127.0.0.1:${PORTS[3]}"
  [before max-batch-size=1]="http://127.0.0.1:${PORTS[4]}")
declare -A PID_OF=()
PIDS=()

cleanup() {
  local pid child
  for pid in "${PIDS[@]}"; do
    # The peer's id is that of the subshell that runs peer_python: ending it alone left the Python
    # server and its two workers running (holding their port, about 250 MB each) after the script.
    for child in $(descendants "$pid"); do kill "$child" 2>/dev/null || true; done
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}

# The process ids below a process, each child before its own children.
descendants() { # pid
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}
trap cleanup EXIT

wait_ready() { # label url pid log [expected server name in GET /v2]
  local url="$2" name="${5:-}"
  for _ in $(seq 1 240); do
    if curl -fs "$url" >/dev/null 2>&1; then
      # Whoever answers must be this server: its process alive, and its /v2 metadata naming it.
      sleep 1
      if kill -0 "$3" 2>/dev/null \
        && { [[ -z "$name" ]] || curl -fs "${url%%/v2/*}/v2" 2>/dev/null | grep -q "\"name\": *\"$name\""; }; then
        return 0
      fi
      break
    fi
    kill -0 "$3" 2>/dev/null || break
    sleep 1
  done
  echo "$1 did not become ready (or another process answers on its port); its log:" >&2
  tail -50 "$4" >&2
  exit 1
}

start_backprop() { # label "java options" jar port [args...]
  local label="$1" java="$2" jar="$3" port="$4"
  shift 4
  # shellcheck disable=SC2086
  $java -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --backprop.data-dir="$WORK/data-$port" "${EXTRA_ARGS[@]}" "$@" >"$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$label]=$!
}

# CPU clock ticks (utime + stime) of a process and all its descendants (the peer's workers).
cpu_ticks() { # pid
  local total=0 pid
  for pid in "$1" $(descendants "$1"); do
    if [[ -r "/proc/$pid/stat" ]]; then
      # fields 14 and 15 after the ")" that ends the command name
      total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    fi
  done
  echo "$total"
}
TICKS_PER_SECOND="$(getconf CLK_TCK)"

# Model documents and request bodies, with seeded random weights and inputs.
python3 scripts/peer/bench_bodies.py "$WORK"

# A wrk Lua script sending the given bodies in turn (one per request, round robin): "json:PATH=FILE"
# is sent as application/json, "binary:PATH=FILE" as tritonclient sends binary tensor data (no
# Content-Type, the JSON header's length in Inference-Header-Content-Length). The requests are
# formatted in init, once wrk knows the Host header. Binary bytes become decimal escapes (wrk's
# LuaJIT has no string.pack).
lua_for() { # name body... -> lua file
  local lua="$WORK/$1.lua"
  shift
  python3 - "$lua" "$@" <<'PY'
import sys
lua, bodies = sys.argv[1], sys.argv[2:]
with open(lua, "w") as f:
    f.write("local bodies = {}\nlocal requests = {}\n")
    for i, spec in enumerate(bodies):
        kind, rest = spec.split(":", 1)
        path, file = rest.split("=", 1)
        data = open(file, "rb").read()
        escaped = "".join("\\%d" % b for b in data)
        if kind == "json":
            headers = '{["Content-Type"] = "application/json"}'
        else:
            length = open(file + ".header-length").read().strip()
            headers = '{["Inference-Header-Content-Length"] = "%s"}' % length
        f.write('bodies[%d] = {"%s", %s, "%s"}\n' % (i + 1, path, headers, escaped))
    f.write("init = function(args)\n  for i, b in ipairs(bodies) do\n"
            '    requests[i] = wrk.format("POST", b[1], b[2], b[3])\n  end\nend\n'
            "local i = 0\nrequest = function()\n  i = i % #requests + 1\n"
            "  return requests[i]\nend\n")
PY
  echo "$lua"
}

RAW=() # one line per measurement, for bench_medians.py
# measure <workload> <server label> <connections> <url> [lua]
measure() {
  local workload="$1" server="$2" conns="$3" url="$4" lua="${5:-}"
  local threads=$((conns < 2 ? 1 : 2))
  local args=(-t"$threads" -c"$conns" --latency --timeout 5s)
  [[ -n "$lua" ]] && args+=(-s "$lua")
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  local out pid="${PID_OF[$server]}" ticks0 ticks1
  ticks0="$(cpu_ticks "$pid")"
  out="$(wrk "${args[@]}" -d"$DURATION" "$url")"
  ticks1="$(cpu_ticks "$pid")"
  local rps p50 p99 errors requests cpu
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  cpu="$(awk -v t="$((ticks1 - ticks0))" -v hz="$TICKS_PER_SECOND" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n }')"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors:/ {print "socket:" $0}' <<<"$out" | tr '\n' ' ')"
  RAW+=("$workload|$server|$conns|$rps|$p50|$p99|$cpu|${errors:-0}")
  echo "measured: $workload, $server, c=$conns: $rps req/s, p50 $p50, p99 $p99, $cpu CPU µs/request" >&2
}

echo "starting Backprop twice (${BASE[batching]}, ${BASE[max-batch-size=1]}; data in $WORK)" >&2
start_backprop batching "$JAVA $JAVA_OPTS" "$JAR" "${PORTS[0]}"
start_backprop "max-batch-size=1" "$JAVA $JAVA_OPTS" "$JAR" "${PORTS[1]}" --backprop.serving.max-batch-size=1
BACKPROPS=(batching "max-batch-size=1")
if [[ -n "$BEFORE_JAR" ]]; then
  echo "starting $BEFORE_JAR twice (${BASE[before batching]}, ${BASE[before max-batch-size=1]})" >&2
  start_backprop "before batching" "$BEFORE_JAVA $BEFORE_JAVA_OPTS" "$BEFORE_JAR" "${PORTS[3]}"
  start_backprop "before max-batch-size=1" "$BEFORE_JAVA $BEFORE_JAVA_OPTS" "$BEFORE_JAR" "${PORTS[4]}" --backprop.serving.max-batch-size=1
  BACKPROPS+=("before batching" "before max-batch-size=1")
fi
for server in "${BACKPROPS[@]}"; do
  port="${BASE[$server]##*:}"
  wait_ready "$server" "${BASE[$server]}/actuator/health/readiness" "${PID_OF[$server]}" "$WORK/server-$port.log"
done
for server in "${BACKPROPS[@]}"; do
  for model in iris mnist; do
    code="$(curl -s -o "$WORK/import.out" -w '%{http_code}' -H 'Content-Type: application/json' \
      --data-binary "@$WORK/$model.json" "${BASE[$server]}/api/v1/networks/import")"
    [[ "$code" == "201" ]] || { echo "import of $model failed: $code $(cat "$WORK/import.out")" >&2; exit 1; }
  done
done

# The peer serves what Backprop exports: the same weights, biases and standardisation.
SERVERS=("${BACKPROPS[@]}")
PEER_NOTE=""
if "$PYTHON" -c 'import fastapi, uvicorn, uvloop, httptools, torch' 2>/dev/null; then
  mkdir -p "$WORK/peer"
  for model in iris mnist; do
    curl -fs "${BASE[batching]}/api/v1/networks/bench-$model/versions/1/export" >"$WORK/peer/bench-$model.json"
  done
  peer_python scripts/peer/v2_peer.py --port "${PORTS[2]}" --models "$WORK/peer" --workers 2 \
    >"$WORK/peer.log" 2>&1 &
  PIDS+=($!)
  PID_OF[python peer]=$!
  wait_ready "the python peer" "${BASE[python peer]}/v2/health/ready" "${PID_OF[python peer]}" "$WORK/peer.log" python-peer
  SERVERS+=("python peer")
else
  PEER_NOTE="python peer: skipped, $PYTHON lacks fastapi, uvicorn, uvloop, httptools or torch (Debian: apt-get install python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-torch)"
  echo "$PEER_NOTE" >&2
fi

IRIS_V1="$(lua_for iris-v1 "json:/api/v1/networks/bench-iris/predictions=$WORK/iris-v1.json")"
IRIS_V2="$(lua_for iris-v2 "json:/v2/models/bench-iris/infer=$WORK/iris-v2.json")"
MNIST_JSON="$(lua_for mnist-json "json:/v2/models/bench-mnist/infer=$WORK/mnist-v2.json")"
MNIST_BINARY="$(lua_for mnist-binary "binary:/v2/models/bench-mnist/infer=$WORK/mnist-v2.bin")"
V2_BODIES=("json:/v2/models/bench-iris/infer=$WORK/iris-v2.json"
  "json:/v2/models/bench-mnist/infer=$WORK/mnist-v2.json"
  "binary:/v2/models/bench-mnist/infer=$WORK/mnist-v2.bin")
WARM_BACKPROP="$(lua_for warm-backprop "json:/api/v1/networks/bench-iris/predictions=$WORK/iris-v1.json" "${V2_BODIES[@]}")"
WARM_PEER="$(lua_for warm-peer "${V2_BODIES[@]}")"

# Every body must be answered (and the binary one with binary data) before it is measured.
for server in "${SERVERS[@]}"; do
  base="${BASE[$server]}"
  for model in iris mnist; do
    curl -fsS -H 'Content-Type: application/json' --data-binary "@$WORK/$model-v2.json" \
      "$base/v2/models/bench-$model/infer" >/dev/null || { echo "$server did not answer $model" >&2; exit 1; }
  done
  curl -fsS -H 'Content-Type: application/octet-stream' -H "Inference-Header-Content-Length: $(cat "$WORK/mnist-v2.bin.header-length")" \
    --data-binary "@$WORK/mnist-v2.bin" "$base/v2/models/bench-mnist/infer" -D "$WORK/binary.headers" >/dev/null \
    || { echo "$server did not answer the binary request" >&2; exit 1; }
  grep -qi '^Inference-Header-Content-Length:' "$WORK/binary.headers" || {
    echo "$server did not answer the binary request with binary data" >&2
    exit 1
  }
done

# The JIT warm-up, the same for every server: every body it will be measured with, in turn.
for server in "${SERVERS[@]}"; do
  lua="$WARM_BACKPROP"
  [[ "$server" == "python peer" ]] && lua="$WARM_PEER"
  echo "warming up $server for $JIT_WARMUP at 64 connections" >&2
  wrk -t2 -c64 --timeout 5s -d"$JIT_WARMUP" -s "$lua" "${BASE[$server]}" >/dev/null
done

selected() { [[ "$ROW_KEYS" == *" $1 "* ]]; }
# Each row is measured ROUNDS times, the servers in turn, starting one further along each round so
# that none is always measured first; the table gives each column's median over the rounds.
for c in $CONNECTIONS; do
  for ((round = 0; round < ROUNDS; round++)); do
    if selected floor; then
      measure "floor: GET /actuator/health/liveness" batching "$c" "${BASE[batching]}/actuator/health/liveness"
    fi
    if selected iris-v1; then
      measure "iris 4-8-3, POST /api/v1 predictions" batching "$c" "${BASE[batching]}" "$IRIS_V1"
    fi
    in_turn=("${SERVERS[@]:round % ${#SERVERS[@]}}" "${SERVERS[@]:0:round % ${#SERVERS[@]}}")
    for key in iris-json mnist-json mnist-binary; do
      selected "$key" || continue
      for server in "${in_turn[@]}"; do
        case "$key" in
          iris-json) measure "iris 4-8-3, /v2 infer, JSON" "$server" "$c" "${BASE[$server]}" "$IRIS_V2" ;;
          mnist-json) measure "784-256-128-10, /v2 infer, JSON" "$server" "$c" "${BASE[$server]}" "$MNIST_JSON" ;;
          mnist-binary) measure "784-256-128-10, /v2 infer, binary" "$server" "$c" "${BASE[$server]}" "$MNIST_BINARY" ;;
        esac
      done
    done
  done
done
mapfile -t ROWS < <(python3 scripts/peer/bench_medians.py "${RAW[@]}")
curl -s "${BASE[batching]}/actuator/prometheus" \
  | grep -E '^backprop_inference_batch_size_rows_(sum|count)\{.*bench-mnist' >"$WORK/batches.txt" || true

echo
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; wrk ${DURATION} per row after ${WARMUP}, median of ${ROUNDS} round(s)," \
  "each server warmed ${JIT_WARMUP} first; $("$JAVA" -version 2>&1 | head -1) ${JAVA_OPTS}"
echo "one row per request; batching = Backprop's defaults; python peer = FastAPI + uvicorn (uvloop, httptools, 2 workers) + PyTorch;" \
  "CPU µs/req = the server's CPU time (all its processes) over the measured window / requests"
[[ -n "$BEFORE_JAR" ]] && echo "before = $BEFORE_JAR on $("$BEFORE_JAVA" -version 2>&1 | head -1) ${BEFORE_JAVA_OPTS}, run the same way beside $JAR"
if [[ -n "$PEER_NOTE" ]]; then echo "$PEER_NOTE"; else echo "$PEER_KERNELS"; fi
echo
printf '| %-36s | %-23s | %5s | %10s | %9s | %9s | %10s | %s\n' "workload" "server" "conns" "req/s" "p50" "p99" "CPU µs/req" "errors"
printf '|%s|%s|%s|%s|%s|%s|%s|%s\n' "--------------------------------------" "-------------------------" "-------" "------------" "-----------" "-----------" "------------" "-------"
printf '%s\n' "${ROWS[@]}"
python3 scripts/peer/bench_summary.py "${ROWS[@]}"
if [[ -s "$WORK/batches.txt" ]]; then
  awk '{ split($1, a, "{"); v[a[1]] = $2 } END { if (v["backprop_inference_batch_size_rows_count"] > 0) printf "784-256-128-10 with batching: mean batch %.1f rows over %d feedforwards (warm-up included)\n", v["backprop_inference_batch_size_rows_sum"] / v["backprop_inference_batch_size_rows_count"], v["backprop_inference_batch_size_rows_count"] }' "$WORK/batches.txt"
fi
