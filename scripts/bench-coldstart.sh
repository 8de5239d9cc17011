#!/usr/bin/env bash
# Cold-start benchmark: how soon after the process starts the service serves at full speed.
#
# Prepares a data directory once (a first start imports an iris-size model, 4-8-3, seeded weights,
# then stops), so that the measured start finds a trained version in its database as a restarted
# replica does. Then, for each run: starts the jar, takes the time from process start to readiness
# (/actuator/health/readiness UP), then sends one-row /v2 iris infer requests at 16 connections for
# BENCH_SECONDS (default 60) and counts the answers in each 1-second window. Prints per run: ready
# time, requests/s in each window, the steady throughput (median of the last 10 windows) and the
# time from process start to the first window at 80% of it. Targets: ready <= 6 s, 80% of steady
# within 20 s of process start.
#
# Usage: scripts/bench-coldstart.sh                      (builds the jar first; one run)
#        BENCH_SKIP_BUILD=1 BENCH_JAR=/tmp/other.jar scripts/bench-coldstart.sh
#        BENCH_RUNS="jdk17=/usr/bin/java jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" \
#          scripts/bench-coldstart.sh              (one run per label=java, side by side)
#        BENCH_JAVA_OPTS="-XX:AOTCache=app.aot" scripts/bench-coldstart.sh -- --backprop.x=y
#          (options for every JVM; arguments after -- go to every start of the jar)
#        A run's java may carry its own options: BENCH_RUNS="aot=java@-XX:AOTCache=app.aot"
#          ("@" separates the java from its options, "," separates options; an option jar=PATH
#          runs that jar instead, e.g. one extracted with -Djarmode=tools for the AOT cache).
#        A run may start the image instead: BENCH_RUNS="image=docker@backprop" runs
#          `docker run --network host` on that image (its own JVM, options and AOT cache), with the
#          prepared data directory mounted at /data; "process start" is then the `docker run`, and
#          the CPU seconds are those of the container's java, read from the host. DOCKER_HOST picks
#          the engine as for docker itself.
# Needs: a JDK 17+, curl, python3, wrk. Traffic is loopback only; each run is bounded in time.
set -euo pipefail

cd "$(dirname "$0")/.."
SECONDS_TOTAL="${BENCH_SECONDS:-60}"
PORT="${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://127.0.0.1:$PORT"
RUNS="${BENCH_RUNS:-default=java}"
EXTRA_ARGS=()
if [[ "${1:-}" == "--" ]]; then
  shift
  EXTRA_ARGS=("$@")
fi
for tool in curl python3 wrk; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [[ -z "${BENCH_JAR:-}" && "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi
JAR="${BENCH_JAR:-$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)}"

source scripts/bench-common.sh backprop-coldstart

now_ms() { date +%s%3N; }

# sample_cpu <pid>: every 100 ms, the wall clock (ms) and the process's CPU time (user + system,
# clock ticks), until it exits. On a shared machine the process gets what the others leave it:
# requests per CPU-second and CPU-seconds to readiness compare runs where wall seconds cannot.
sample_cpu() {
  while [[ -r "/proc/$1/stat" ]]; do
    echo "$(now_ms) $(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo -)"
    sleep 0.1
  done
}

# start_server <java> [jvm options...]: starts the jar; sets SERVER_PID and STARTED_MS.
start_server() {
  local java="$1"
  shift
  STARTED_MS="$(now_ms)"
  # shellcheck disable=SC2086
  "$java" ${BENCH_JAVA_OPTS:-} "$@" -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --backprop.data-dir="$WORK/data" "${EXTRA_ARGS[@]}" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}

# start_container <image>: `docker run` of the image on the same port and data; sets SERVER_PID
# (the container's java, PID 1 inside, as the host sees it), CONTAINER and STARTED_MS.
CONTAINER=""
start_container() {
  CONTAINER="backprop-coldstart-$$-$index"
  chmod -R a+rwX "$WORK/data" # the image runs as an unprivileged user
  STARTED_MS="$(now_ms)"
  docker run -d --rm --network host --name "$CONTAINER" -v "$WORK/data:/data" \
    -e SERVER_PORT="$PORT" "$1" --server.address=127.0.0.1 "${EXTRA_ARGS[@]}" >/dev/null
  SERVER_PID="$(docker inspect -f '{{.State.Pid}}' "$CONTAINER")"
}
stop_container() {
  if [[ -n "$CONTAINER" ]]; then
    docker stop -t 30 "$CONTAINER" >/dev/null 2>&1 || true
  fi
  CONTAINER=""
  SERVER_PID=""
}
trap 'stop_container; cleanup' EXIT

# await_ready: polls readiness every 50 ms (at most 3 minutes); prints ms from process start.
await_ready() {
  for _ in $(seq 1 3600); do
    if curl -fs -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null; then
      echo $(($(now_ms) - STARTED_MS))
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "the service did not become ready; its log:" >&2
  tail -50 "$WORK/server.log" >&2
  exit 1
}

python3 - "$WORK" <<'PY'
import json, random, sys
work = sys.argv[1]
rnd = random.Random(42)
layers, defs, fan_in = [], [], 4
for i, u in enumerate([8, 3]):
    scale = (2.0 / (fan_in + u)) ** 0.5
    layers.append({"weights": [[round(rnd.gauss(0, scale), 5) for _ in range(fan_in)] for _ in range(u)],
                   "biases": [round(rnd.uniform(-0.1, 0.1), 5) for _ in range(u)]})
    defs.append({"units": u, "activation": "softmax" if i == 1 else "relu"})
    fan_in = u
net = {"name": "bench-iris", "inputs": 4, "layers": defs, "loss": "cross_entropy", "seed": 42,
       "labels": ["setosa", "versicolor", "virginica"]}
with open(f"{work}/iris.json", "w") as f:
    json.dump({"format": "backprop-model", "formatVersion": 1, "network": net, "version": 1,
               "standardization": {"mean": [5.8, 3.0, 3.7, 1.2], "std": [0.8, 0.4, 1.7, 0.7]},
               "layers": layers}, f)
body = json.dumps({"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                               "data": [5.1, 3.5, 1.4, 0.2]}]})
# Counts the answers of each whole second since the first request, into a file at the end.
with open(f"{work}/windows.lua", "w") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = [==[" + body + "]==]\n")
    f.write("""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} ; start = nil ; errors = 0 end
function response(status, headers, body)
  local t = os.time()
  if start == nil then start = t end
  if status ~= 200 then errors = errors + 1 end
  local w = t - start
  counts[w] = (counts[w] or 0) + 1
end
function done(summary, latency, requests)
  local starts, merged, errors = nil, {}, 0
  for _, thread in ipairs(threads) do
    local s = thread:get("start")
    if s ~= nil and (starts == nil or s < starts) then starts = s end
  end
  for _, thread in ipairs(threads) do
    local s, c = thread:get("start"), thread:get("counts")
    errors = errors + thread:get("errors")
    if s ~= nil then
      for w, n in pairs(c) do
        local k = w + s - starts
        merged[k] = (merged[k] or 0) + n
      end
    end
  end
  local out = io.open(os.getenv("BENCH_WINDOWS_FILE"), "w")
  out:write("errors " .. errors .. "\\n")
  out:write("start " .. starts .. "\\n")
  for k, n in pairs(merged) do out:write(k .. " " .. n .. "\\n") end
  out:close()
end
""")
PY

echo "preparing $WORK/data with the bench-iris model" >&2
start_server java
await_ready >/dev/null
code="$(curl -s -o "$WORK/import.out" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "@$WORK/iris.json" "$BASE/api/v1/networks/import")"
[[ "$code" == "201" ]] || { echo "import failed: $code $(cat "$WORK/import.out")" >&2; exit 1; }
stop_server

RESULTS=()
index=0
for run in $RUNS; do
  label="${run%%=*}"
  index=$((index + 1))
  key="$index-$label" # a label may repeat (alternating runs): each run's files are its own
  spec="${run#*=}"
  java="${spec%%@*}"
  opts=()
  [[ "$spec" == *@* ]] && IFS=',' read -r -a opts <<<"${spec#*@}"
  echo "run $label: $java ${opts[*]:-}" >&2
  jar="$JAR"
  jvm=()
  for opt in "${opts[@]}"; do
    if [[ "$opt" == jar=* ]]; then jar="${opt#jar=}"; else jvm+=("$opt"); fi
  done
  if [[ "$java" == docker ]]; then
    start_container "${jvm[0]}"
  else
    JAR="$jar" start_server "$java" "${jvm[@]}"
  fi
  sample_cpu "$SERVER_PID" >"$WORK/cpu-$key.txt" &
  ready_ms="$(await_ready)"
  # wrk counts whole seconds from its first answer; the offset of that second from process start
  # is the ready time (wrk starts at once) rounded to the second that follows.
  first_ms="$(now_ms)"
  BENCH_WINDOWS_FILE="$WORK/windows-$key.txt" wrk -t2 -c16 --timeout 5s -d"${SECONDS_TOTAL}s" \
    -s "$WORK/windows.lua" "$BASE/v2/models/bench-iris/infer" >"$WORK/wrk-$key.txt"
  if [[ -n "$CONTAINER" ]]; then stop_container; else stop_server; fi
  RESULTS+=("$label $ready_ms $((first_ms - STARTED_MS)) $WORK/windows-$key.txt $STARTED_MS")
done

# shellcheck disable=SC2068
python3 - "$SECONDS_TOTAL" "$(getconf CLK_TCK)" ${RESULTS[@]} <<'PY'
import bisect, os, statistics, sys
seconds, tick = int(sys.argv[1]), int(sys.argv[2])
runs = [sys.argv[i:i + 5] for i in range(3, len(sys.argv), 5)]
summary = []
for label, ready_ms, first_ms, path, started_ms in runs:
    counts, errors, start = {}, 0, None
    for line in open(path):
        key, value = line.split()
        if key == "errors":
            errors = int(value)
        elif key == "start":
            start = int(value)
        else:
            counts[int(key)] = int(value)
    cpu_path = os.path.join(os.path.dirname(path),
                            os.path.basename(path).replace("windows-", "cpu-", 1))
    samples = [tuple(map(int, l.split())) for l in open(cpu_path) if l.split()[-1] != "-"]
    times = [t for t, _ in samples]
    def cpu_at(ms):  # CPU seconds the process had used by wall-clock ms
        i = bisect.bisect_right(times, ms) - 1
        return samples[max(i, 0)][1] / tick
    windows = [counts.get(w, 0) for w in range(seconds)]
    cpu = [cpu_at((start + w + 1) * 1000) - cpu_at((start + w) * 1000) for w in range(seconds)]
    per_cpu = [n / c if c > 0 else 0 for n, c in zip(windows, cpu)]
    steady = statistics.median(windows[-10:])
    steady_cpu = statistics.median(per_cpu[-10:])
    # The end of the first window at 80% of steady, from process start: wall and CPU seconds.
    reach = next((w for w, n in enumerate(windows) if n >= 0.8 * steady), None)
    at = None if reach is None else (start + reach + 1) - int(started_ms) / 1000
    at_cpu = None if reach is None else cpu_at((start + reach + 1) * 1000)
    ready_cpu = cpu_at(int(started_ms) + int(ready_ms))
    print(f"\n{label}: ready {int(ready_ms) / 1000:.1f} s ({ready_cpu:.1f} CPU-s) after process "
          f"start; steady {steady:.0f} req/s, {steady_cpu:.0f} req/CPU-s (medians of the last 10 s); "
          f"80% of steady from {'never' if at is None else f'{at:.1f} s ({at_cpu:.1f} CPU-s)'}; "
          f"errors {errors}")
    print("req/s in each second after ready: " + " ".join(str(n) for n in windows))
    print("req/CPU-s in each second:          " + " ".join(f"{n:.0f}" for n in per_cpu))
    summary.append((label, int(ready_ms) / 1000, ready_cpu, at, at_cpu, steady, steady_cpu, windows))
fmt = lambda v: "never" if v is None else f"{v:.1f}"
print("\n| run | ready s (CPU-s) | 80% of steady at s (CPU-s) | steady req/s | steady req/CPU-s "
      "| req/s in s 1, 5, 10, 20, 30 after ready |")
print("|---|---|---|---|---|---|")
for label, ready, ready_cpu, at, at_cpu, steady, steady_cpu, w in summary:
    pick = ", ".join(str(w[i - 1]) if len(w) >= i else "-" for i in (1, 5, 10, 20, 30))
    print(f"| {label} | {ready:.1f} ({ready_cpu:.1f}) | {fmt(at)} ({fmt(at_cpu)}) | {steady:.0f} "
          f"| {steady_cpu:.0f} | {pick} |")
print("\n(targets: ready <= 6 s; 80% of steady within 20 s of process start)")
PY
echo "$(nproc) cores; load: $(uptime | sed 's/.*load average/load average/')"
