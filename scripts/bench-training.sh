#!/usr/bin/env bash
# Training benchmark, side by side in one run: µs per step of a tiny network trained through a job
# of the service, of the engine's own Trainer.train on the same data (JobStepBenchmark, in-process,
# no service), and of PyTorch (scripts/peer/train_peer.py, torch.set_num_threads(1), on the OpenBLAS
# kernels the service picks: scripts/peer-blas.sh); then
# samples/s of 784-256-128-10 through a job and in PyTorch at 1 and 2 threads.
#
# Tiny: iris (examples/iris.csv, 150 rows, validation split 0.2: 120 training rows, 8 batches of
# 16 per epoch) into 4-8-3 (tanh, softmax, cross_entropy), sgd lr 0.01 momentum 0.9, shuffled,
# standardised, BENCH_EPOCHS (default 2000) epochs. Job µs/step = (finishedAt - startedAt) of the
# job / (epochs x 8): the whole job as the service runs it (loading its data, every epoch's
# metrics, validation, progress rows and events, storing the version). Median of BENCH_RUNS (5).
# Large: BENCH_LARGE_ROWS (10000) synthetic rows of 784 values in [0, 1) and one of 10 classes,
# batch 128, sgd lr 0.01 momentum 0.9, BENCH_LARGE_EPOCHS (5) epochs, no validation; samples/s =
# rows x epochs / job duration. Median of BENCH_RUNS.
#
# Every configuration is warmed the same way first: BENCH_JIT_WARMUP seconds (default 45; on 2
# cores the JIT needs about that) of the very runs it is measured with (jobs for the service).
# The three tiny measurements run one after another, not at once, so each has the machine to
# itself; run the script on an idle machine, and read the ratios, which are taken minutes apart.
#
# Usage: scripts/bench-training.sh [--quick] [-- <arguments for the jar>]
#        --quick: 5 s warm-ups, 200 epochs, 3 runs: a smoke run, not a measurement
#        scripts/bench-training.sh -- --backprop.training.threads-per-job=2
#        BENCH_SKIP_BUILD=1 BENCH_JAR=/tmp/other.jar BENCH_PORT=18150 BENCH_JAVA_OPTS=-Xmx2g \
#          BENCH_PYTHON=/usr/bin/python3 scripts/bench-training.sh
#        BENCH_SKIP_ENGINE=1 / BENCH_SKIP_PEER=1 / BENCH_SKIP_LARGE=1 leave those rows out.
#        BENCH_COMPARE="before=/work/jars/a.jar after=target/b.jar" BENCH_THREADS="1 2" \
#          scripts/bench-training.sh
#          The large job alone, for every jar at every threads-per-job, side by side: one server
#          per pair, all up at once (ports from BENCH_PORT, default 18150, on), warmed in turn
#          (BENCH_JIT_WARMUP seconds of jobs each, alternating), then BENCH_RUNS rounds of one job
#          on each in turn; prints each pair's median samples/s and the medians of the per-round
#          ratios (each thread count over the first, each jar over the first). All of it runs
#          BENCH_PROCESSES times (default 3), each time in new server processes, and the table
#          pools the rounds: two processes of one jar on the same settings differed by 4-8% in
#          every round, the same one ahead for its whole life, and a 2-thread job's speed over a
#          1-thread job's from 0.86x to 1.31x between sets on one machine, so one set of
#          processes measures its luck as much as the settings.
#        BENCH_THREADS_BY=job (with BENCH_COMPARE): one server per jar (threads-per-job = the
#          largest of BENCH_THREADS), each thread count a job setting ("threads" in the request);
#          each round runs one job per count on it in turn. So the counts share one JVM, warmed by
#          the same jobs, and no other server is up beside them: with a server per count, an idle
#          or alternating neighbour JVM cost the 2-thread jobs 5-23% in stretches on one 2-core
#          machine without taking measurable CPU from them (on another of its kind, nothing), which
#          a deployment does not have. The default, BENCH_THREADS_BY=server, gives each count a
#          server of its own (--threads-per-job).
# BENCH_WAIT (default events): how the client waits for a job's end. events: it reads the job's
# event stream (GET .../events, one connection, closed by the server after the job's last status
# event), as the dashboard does. A number of seconds: it asks for the job that often instead
# (BENCH_POLL, the older name, still sets it). A job's time is the server's own, but this client
# shares the machine's cores with it: polling every 0.02 s, each poll a Python request and a
# response, cost a 2-thread job about a sixth of its speed on 2 cores (one set of server processes,
# 8 rounds, medians of samples/s, 1t and 2t: events 70,775 and 106,384, 1.45x; polling every
# 0.2 s 69,441 and 101,438, 1.42x; every 0.02 s 66,716 and 80,356, 1.20x). A 1-thread job has the
# other core for them.
# Needs: a JDK 17+, curl, python3; for the PyTorch rows BENCH_PYTHON (default /usr/bin/python3)
# with torch (Debian: python3-torch), else they are skipped with a note.
set -euo pipefail

cd "$(dirname "$0")/.."
JIT_WARMUP="${BENCH_JIT_WARMUP:-45}"
EPOCHS="${BENCH_EPOCHS:-2000}"
RUNS="${BENCH_RUNS:-5}"
LARGE_ROWS="${BENCH_LARGE_ROWS:-10000}"
LARGE_EPOCHS="${BENCH_LARGE_EPOCHS:-5}"
if [[ "${1:-}" == "--quick" ]]; then
  shift
  JIT_WARMUP="${BENCH_JIT_WARMUP:-5}"
  EPOCHS="${BENCH_EPOCHS:-200}"
  RUNS="${BENCH_RUNS:-3}"
  LARGE_ROWS="${BENCH_LARGE_ROWS:-2000}"
  LARGE_EPOCHS="${BENCH_LARGE_EPOCHS:-2}"
fi
EXTRA_ARGS=()
if [[ "${1:-}" == "--" ]]; then
  shift
  EXTRA_ARGS=("$@")
fi
WAIT="${BENCH_WAIT:-${BENCH_POLL:-events}}"
PYTHON="${BENCH_PYTHON:-$([[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3)}"
for tool in curl python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" && -z "${BENCH_JAR:-}" && -z "${BENCH_COMPARE:-}" ]]; then
  echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi
JAR="${BENCH_JAR:-$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)}"

source "$(dirname "$0")/bench-common.sh" backprop-bench-training
source "$(dirname "$0")/peer-blas.sh"

# BENCH_COMPARE: one server per (jar, threads), the large job on each in alternation; all of it
# BENCH_PROCESSES times over, each time in new server processes (see the usage above).
compare_large() {
  local generations="${BENCH_PROCESSES:-3}" gen
  COMPARE_PIDS=()
  # A failed job or start ends the script: its servers go with it.
  trap 'for pid in "${COMPARE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; cleanup' EXIT
  : >"$WORK/rates.txt"
  for gen in $(seq 1 "$generations"); do
    compare_generation "$gen"
  done
  compare_table "$WORK/rates.txt"
  for dir in "$WORK"/*/; do
    [[ -f "$dir/server.log" ]] && echo "$(basename "$dir"): $(blas_kernels "$dir/server.log")"
  done
  echo "after: $(uptime)" >&2
}

# One generation: new servers, uploads, warm-up, BENCH_RUNS rounds; appends "gen label threads
# rate" lines (one per job measured) to $WORK/rates.txt.
compare_generation() {
  local gen="$1" port="${BENCH_PORT:-18150}" specs=() dirs=() label jar threads dir counts
  local by="${BENCH_THREADS_BY:-server}" most=0
  COMPARE_PIDS=()
  for threads in ${BENCH_THREADS:-1 2}; do ((threads > most)) && most="$threads"; done
  for pair in $BENCH_COMPARE; do
    label="${pair%%=*}"
    jar="${pair#*=}"
    # by server: one server per count; by job: one server per jar, every count a job setting
    for counts in $([[ "$by" == job ]] && echo "$most" || echo "${BENCH_THREADS:-1 2}"); do
      dir="$WORK/$label-$counts-p$gen"
      mkdir -p "$dir"
      # shellcheck disable=SC2086
      java ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
        --backprop.data-dir="$dir/data" --backprop.training.threads-per-job="$counts" \
        "${EXTRA_ARGS[@]}" >"$dir/server.log" 2>&1 &
      COMPARE_PIDS+=($!)
      dirs+=("$dir")
      if [[ "$by" == job ]]; then
        for threads in ${BENCH_THREADS:-1 2}; do specs+=("$label $threads http://127.0.0.1:$port"); done
      else
        specs+=("$label $counts http://127.0.0.1:$port")
      fi
      port=$((port + 1))
    done
  done
  for i in "${!dirs[@]}"; do
    for _ in $(seq 1 3000); do
      curl -fs -o /dev/null "http://127.0.0.1:$((${BENCH_PORT:-18150} + i))/actuator/health/readiness" \
        2>/dev/null && break
      kill -0 "${COMPARE_PIDS[$i]}" 2>/dev/null || { tail -50 "${dirs[$i]}/server.log" >&2; exit 1; }
      sleep 0.1
    done
  done
  echo "processes $gen: comparing ${specs[*]} (threads by $by); $(uptime)" >&2
  WORK="$WORK" BY="$by" python3 - "$gen" "$RUNS" "$JIT_WARMUP" "$LARGE_ROWS" "$LARGE_EPOCHS" "$WAIT" \
    "${specs[@]}" >>"$WORK/rates.txt" <<'PY'
import json, os, random, sys, time, urllib.request
from datetime import datetime

gen, runs, warmup = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rows, epochs, wait = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
servers = [s.split() for s in sys.argv[7:]]  # label, threads, url

def call(base, method, path, body=None, ctype="application/json"):
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": ctype} if data is not None else {})
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.status, r.headers, r.read()

def seconds(stamp):
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()

large = {"dataset": "bench-large", "epochs": epochs, "batchSize": 128, "learningRate": 0.01,
         "optimizer": "sgd", "momentum": 0.9, "validationSplit": 0, "shuffle": True,
         "standardize": False, "seed": 7}

def ended(base, location):
    """The job once it has ended, waited for through its event stream or by polling."""
    if wait == "events":
        with urllib.request.urlopen(base + location + "/events", timeout=600) as stream:
            for _ in stream:  # the server closes the stream after the job's last status event
                pass
    while True:
        body = json.loads(call(base, "GET", location)[2])
        if body["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return body
        time.sleep(0.02 if wait == "events" else float(wait))

def rate(base, threads):
    request = dict(large, threads=int(threads)) if os.environ["BY"] == "job" else large
    _, headers, _ = call(base, "POST", "/api/v1/networks/bench-large/training-jobs", json.dumps(request))
    body = ended(base, headers["Location"])
    if body["status"] != "SUCCEEDED":
        sys.exit(f"job on {base} ended {body['status']}: {body.get('error')}")
    return rows * epochs / (seconds(body["finishedAt"]) - seconds(body["startedAt"]))

csv_path = os.path.join(os.environ["WORK"], "large.csv")  # made once, for every set of servers
if not os.path.exists(csv_path):
    rng = random.Random(7)
    lines = [",".join([f"f{i}" for i in range(784)] + ["label"])]
    for _ in range(rows):
        lines.append(",".join([f"{rng.random():.3f}" for _ in range(784)] + [f"c{rng.randrange(10)}"]))
    with open(csv_path, "w") as f:
        f.write("\n".join(lines))
with open(csv_path, "rb") as f:
    csv = f.read()
for base in dict.fromkeys(base for _, _, base in servers):
    call(base, "POST", "/api/v1/datasets?name=bench-large&target=label", csv, "text/csv")
    call(base, "POST", "/api/v1/networks", json.dumps({
        "name": "bench-large", "features": [f"f{i}" for i in range(784)],
        "layers": [{"units": 256, "activation": "relu"}, {"units": 128, "activation": "relu"},
                   {"units": 10, "activation": "softmax"}],
        "loss": "cross_entropy", "seed": 1, "labels": [f"c{i}" for i in range(10)]}))
start, warm = time.time(), 0
while time.time() - start < warmup * len(servers):
    for _, threads, base in servers:
        rate(base, threads)
    warm += 1
print(f"warm-up: {time.time() - start:.0f} s, {warm} jobs on each server in turn", file=sys.stderr)
for r in range(runs):
    measured = [(label, threads, rate(base, threads)) for label, threads, base in servers]
    for label, threads, value in measured:
        print(f"{gen} {label} {threads} {value:.1f}", flush=True)
    print(f"round {r + 1}: " + ", ".join(f"{l} {t}t {v:,.0f}" for l, t, v in measured),
          file=sys.stderr)
PY
  for pid in "${COMPARE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${COMPARE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  COMPARE_PIDS=()
}

# The table over every generation's rounds: medians of samples/s and of the per-round ratios,
# and each generation's own median ratios, whose spread is what one pair of processes can say.
compare_table() { # rates file
  python3 - "$1" "$LARGE_ROWS" "$LARGE_EPOCHS" <<'PY'
import statistics, sys
from collections import defaultdict

rows, epochs = int(sys.argv[2]), int(sys.argv[3])
rates = defaultdict(list)  # (gen, label, threads) -> one rate a round, in round order
for line in open(sys.argv[1]):
    gen, label, threads, value = line.split()
    rates[(gen, label, threads)].append(float(value))
gens = list(dict.fromkeys(g for g, _, _ in rates))
labels = list(dict.fromkeys(l for _, l, _ in rates))
counts = list(dict.fromkeys(t for _, _, t in rates))

def pooled(label, threads):
    return [v for g in gens for v in rates[(g, label, threads)]]

def ratios(a, b, only=None):
    return [x / y for g in (only or gens) for x, y in zip(rates[(g, *a)], rates[(g, *b)])]

def cell(a, b):
    per_gen = " ".join(f"{statistics.median(ratios(a, b, [g])):.2f}" for g in gens)
    return f"{statistics.median(ratios(a, b)):.2f}x ({per_gen})"

n = len(pooled(labels[0], counts[0]))
print(f"\n784-256-128-10, batch 128, sgd, {rows:,} rows x {epochs} epochs through a job;"
      f" samples/s, median of {n} rounds over {len(gens)} sets of server processes; ratios: medians"
      " of the per-round ratios (in brackets, each set's own median)")
print("\n| jar | " + " | ".join(f"{t} thread(s)" for t in counts)
      + "".join(f" | {t}t / {counts[0]}t" for t in counts[1:]) + " |")
print("|---|" + "---:|" * (2 * len(counts) - 1))
for l in labels:
    print(f"| {l} | " + " | ".join(f"{statistics.median(pooled(l, t)):,.0f}" for t in counts)
          + "".join(f" | {cell((l, t), (l, counts[0]))}" for t in counts[1:]) + " |")
for l in labels[1:]:
    print(f"| {l} / {labels[0]} | "
          + " | ".join(cell((l, t), (labels[0], t)) for t in counts)
          + " | " * len(counts[1:]) + " |")
PY
}
# The OpenBLAS kernels a server ran (its start-up log), and the OPENBLAS_CORETYPE it was given.
blas_kernels() {
  local line
  line="$(grep -o 'OpenBLAS kernels [^)]*' "$1" | head -1)"
  echo "${line:-OpenBLAS kernels not logged (older build)}; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
}
if [[ -n "${BENCH_COMPARE:-}" ]]; then
  compare_large
  exit 0
fi
PORT="${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://127.0.0.1:$PORT"
declare -A RESULT=()

# The engine's own step first, alone on the machine (JobStepBenchmark prints "engine µs/step N").
if [[ "${BENCH_SKIP_ENGINE:-0}" != "1" ]]; then
  echo "engine: Trainer.train in-process, ${JIT_WARMUP}s warm-up" >&2
  BENCH_EPOCHS="$EPOCHS" BENCH_JIT_WARMUP="$JIT_WARMUP" ./mvnw -B -q -Pbench test-compile \
    -Dspotless.check.skip=true -Dbackprop.client.skip \
    -Dbench.main=dev.backprop.engine.bench.JobStepBenchmark >"$WORK/engine.txt" 2>&1 ||
    { cat "$WORK/engine.txt" >&2; exit 1; }
  RESULT[engine]="$(sed -n 's/^engine µs\/step \([0-9.]*\).*/\1/p' "$WORK/engine.txt")"
fi

# PyTorch: same warm-up discipline, one process per configuration.
if [[ "${BENCH_SKIP_PEER:-0}" != "1" ]] && "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "PyTorch: tiny at 1 thread, ${JIT_WARMUP}s warm-up" >&2
  RESULT[torch]="$(peer_python scripts/peer/train_peer.py tiny --csv examples/iris.csv \
    --epochs "$EPOCHS" --threads 1 --warmup "$JIT_WARMUP" --runs "$RUNS" | awk '{print $3}')"
  if [[ "${BENCH_SKIP_LARGE:-0}" != "1" ]]; then
    for threads in 1 2; do
      echo "PyTorch: 784-256-128-10 at $threads threads" >&2
      RESULT[torch-large-$threads]="$(peer_python scripts/peer/train_peer.py large --rows "$LARGE_ROWS" \
        --epochs "$LARGE_EPOCHS" --threads "$threads" --warmup "$JIT_WARMUP" --runs "$RUNS" |
        awk '{print $3}')"
    done
  fi
else
  echo "PyTorch rows skipped (BENCH_SKIP_PEER, or no torch for $PYTHON)" >&2
fi

echo "service: java -jar on port $PORT ${EXTRA_ARGS[*]}" >&2
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
  --backprop.data-dir="$WORK/data" "${EXTRA_ARGS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1800); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done

# The jobs: uploads, definitions, warm-up, runs; prints "job-tiny N" and "job-large N".
python3 - "$BASE" "$EPOCHS" "$RUNS" "$JIT_WARMUP" "$LARGE_ROWS" "$LARGE_EPOCHS" \
  "${BENCH_SKIP_LARGE:-0}" "$WORK" "$WAIT" >"$WORK/jobs.txt" <<'PY'
import json, random, statistics, sys, time, urllib.request
from datetime import datetime

base, epochs, runs, warmup, rows, large_epochs, skip_large, work, wait = sys.argv[1:10]
epochs, runs, warmup, rows, large_epochs = int(epochs), int(runs), float(warmup), int(rows), int(large_epochs)

def call(method, path, body=None, ctype="application/json"):
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": ctype} if data is not None else {})
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.status, r.headers, r.read()

def define(name, csv, target, network):
    call("POST", f"/api/v1/datasets?name={name}&target={target}", csv, "text/csv")
    call("POST", "/api/v1/networks", json.dumps(dict(network, name=name)))

def seconds(stamp):
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()

def ended(location):
    """The job once it has ended, waited for through its event stream or by polling."""
    if wait == "events":
        with urllib.request.urlopen(base + location + "/events", timeout=600) as stream:
            for _ in stream:  # the server closes the stream after the job's last status event
                pass
    while True:
        body = json.loads(call("GET", location)[2])
        if body["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return body
        time.sleep(0.02 if wait == "events" else float(wait))

def job(name, request):
    _, headers, _ = call("POST", f"/api/v1/networks/{name}/training-jobs", json.dumps(request))
    location = headers["Location"]
    body = ended(location)
    if body["status"] != "SUCCEEDED":
        sys.exit(f"job {location} ended {body['status']}: {body.get('error')}")
    return seconds(body["finishedAt"]) - seconds(body["startedAt"])

def measure(name, request):
    end = time.time() + warmup
    job(name, request)
    while time.time() < end:
        job(name, request)
    return statistics.median(job(name, request) for _ in range(runs))

define("bench-iris", open("examples/iris.csv", "rb").read(), "species", {
    "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
    "layers": [{"units": 8, "activation": "tanh"}, {"units": 3, "activation": "softmax"}],
    "loss": "cross_entropy", "seed": 42, "labels": ["setosa", "versicolor", "virginica"]})
tiny = {"dataset": "bench-iris", "epochs": epochs, "batchSize": 16, "learningRate": 0.01,
        "optimizer": "sgd", "momentum": 0.9, "validationSplit": 0.2, "shuffle": True,
        "standardize": True, "seed": 7}
steps = epochs * 8  # 120 training rows in batches of 16
print("job-tiny %.3f" % (measure("bench-iris", tiny) * 1e6 / steps), flush=True)

if skip_large != "1":
    rng = random.Random(7)
    lines = [",".join([f"f{i}" for i in range(784)] + ["label"])]
    for _ in range(rows):
        lines.append(",".join([f"{rng.random():.3f}" for _ in range(784)] + [f"c{rng.randrange(10)}"]))
    define("bench-large", "\n".join(lines).encode(), "label", {
        "features": [f"f{i}" for i in range(784)],
        "layers": [{"units": 256, "activation": "relu"}, {"units": 128, "activation": "relu"},
                   {"units": 10, "activation": "softmax"}],
        "loss": "cross_entropy", "seed": 1, "labels": [f"c{i}" for i in range(10)]})
    large = {"dataset": "bench-large", "epochs": large_epochs, "batchSize": 128,
             "learningRate": 0.01, "optimizer": "sgd", "momentum": 0.9, "validationSplit": 0,
             "shuffle": True, "standardize": False, "seed": 7}
    print("job-large %.0f" % (rows * large_epochs / measure("bench-large", large)), flush=True)
PY
while read -r key value; do RESULT[$key]="$value"; done <"$WORK/jobs.txt"
stop_server
KERNELS="$(blas_kernels "$WORK/server.log")"

python3 - "$(uptime)" "${EXTRA_ARGS[*]:-}" "$KERNELS" "$PEER_KERNELS" <<PY
import sys
r = {k: float(v) for k, v in [$(for k in "${!RESULT[@]}"; do [[ -n "${RESULT[$k]}" ]] && printf '("%s", "%s"), ' "$k" "${RESULT[$k]}"; done)]}
print(f"\nTraining benchmark ({sys.argv[1].strip()}); jar arguments: {sys.argv[2] or 'none'}")
print(f"service: {sys.argv[3]}")
print(sys.argv[4])
print("\n| 4-8-3 iris, batch 16, sgd | µs/step | job / it | it / job |")
print("|---|---:|---:|---:|")
job = r.get("job-tiny")
for label, key in (("job (service)", "job-tiny"), ("engine (Trainer.train)", "engine"), ("PyTorch, 1 thread", "torch")):
    if key in r:
        v = r[key]
        print(f"| {label} | {v:.2f} | {job / v:.2f}x | {v / job:.2f}x |" if job else f"| {label} | {v:.2f} | | |")
if "job-large" in r or "torch-large-1" in r:
    print("\n| 784-256-128-10, batch 128, sgd | samples/s | job / it |")
    print("|---|---:|---:|")
    big = r.get("job-large")
    for label, key in (("job (service)", "job-large"), ("PyTorch, 1 thread", "torch-large-1"), ("PyTorch, 2 threads", "torch-large-2")):
        if key in r:
            print(f"| {label} | {r[key]:,.0f} | {big / r[key]:.2f}x |" if big else f"| {label} | {r[key]:,.0f} | |")
PY
