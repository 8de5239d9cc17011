#!/usr/bin/env bash
# Data set memory benchmark: for 10k, 100k and 400k rows x 50 feature columns (plus a categorical
# target of three classes; features of three decimals, which no narrower encoding holds, or with
# BENCH_VALUES=integers small integers 0..99), starts the jar in a child JVM of its own with a fresh
# data directory and measures, in this order:
#
#   1. cold: the idle RSS and heap (after a GC and the same rest), then the peak RSS of the JVM's first upload and
#      first training job, on a small data set of its own (BENCH_WARMUP_ROWS, 5,000 rows, another
#      seed): what a fresh JVM pays once (classes, compiled code, pools, the heap's first growth);
#   2. the warm-up data set and its network deleted, one GC and BENCH_SETTLE seconds (20) of rest,
#      then the idle RSS and heap again: the baseline of the measurement (one GC, not several, and
#      time after it: G1 grows the heap at the next GC when much of the recent time went to pauses,
#      so full GCs just before an upload make it grow as it would not on a server left idle);
#   3. warm: the upload of the measured data set as CSV, then training a 50-16-3 network on it for
#      two epochs, each with its peak RSS (/proc/<pid>/status VmHWM, reset before each, and VmRSS
#      sampled every 20 ms), then the heap used and the RSS after a GC (jcmd GC.run, GC.heap_info).
#
# Every configuration is warmed the same way before it is measured, and the cold numbers are in
# columns of their own. Each size and run gets a new JVM, so that one's peak is not another's; with
# several jars (BENCH_JARS) and runs (BENCH_RUNS) the jars alternate, size by size, so that they
# share the machine's load alike. The 1-minute load average is printed for each run (start-end).
#
# The numbers are megabytes (MiB); "x f32" divides the peak above the warm idle RSS by the data
# set's float32 size (rows x 51 columns x 4 bytes); "cold" peaks are above the cold idle RSS.
#
# The CSV of 400k rows (about 130 MB with decimals) is larger than the default upload limit, so the
# service runs with backprop.limits.max-dataset-size=256MB (BENCH_MAX_SIZE=512MB for 1,000,000 rows).
#
# Usage: scripts/bench-dataset-memory.sh                (builds the jar first)
#        BENCH_SKIP_BUILD=1 BENCH_ROWS="10000 100000" scripts/bench-dataset-memory.sh
#        BENCH_JAR=/tmp/old.jar BENCH_JAVA_OPTS="-Xmx2g" scripts/bench-dataset-memory.sh
#        BENCH_JARS="/tmp/old.jar target/backprop-0.1.0-SNAPSHOT.jar" BENCH_RUNS=3 \
#          BENCH_ROWS=400000 scripts/bench-dataset-memory.sh       (side by side, alternating)
#        BENCH_PORT=18101 (the default) is the loopback port of the service
#        BENCH_ROWS=1000000 BENCH_MAX_SIZE=512MB BENCH_JAVA_OPTS="-Xmx2g" scripts/bench-dataset-memory.sh
#        (arguments after -- go to every start of the jar)
# Needs: a JDK 17+ (java, jcmd), curl, python3, Linux (/proc).
set -euo pipefail

cd "$(dirname "$0")/.."
ROWS="${BENCH_ROWS:-10000 100000 400000}"
PORT="${BENCH_PORT:-18101}"
EXTRA_ARGS=()
if [[ "${1:-}" == "--" ]]; then
  shift
  EXTRA_ARGS=("$@")
fi
for tool in curl python3 java jcmd; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [[ -n "${BENCH_JARS:-}" ]]; then
  JARS="$BENCH_JARS"
elif [[ -n "${BENCH_JAR:-}" ]]; then
  JARS="$BENCH_JAR"
else
  if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
    ./mvnw -B -q package -DskipTests >&2
  fi
  JARS="$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)"
fi

WORK="$(mktemp -d -t backprop-memory.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

BENCH_WORK="$WORK" BENCH_JAR_PATHS="$JARS" BENCH_ROWS="$ROWS" BENCH_PORT="$PORT" \
  BENCH_VALUES="${BENCH_VALUES:-decimals}" BENCH_MAX_SIZE="${BENCH_MAX_SIZE:-256MB}" \
  BENCH_RUNS="${BENCH_RUNS:-1}" BENCH_WARMUP_ROWS="${BENCH_WARMUP_ROWS:-5000}" \
  BENCH_SETTLE="${BENCH_SETTLE:-20}" \
  python3 - "${EXTRA_ARGS[@]}" <<'PY'
import json, os, random, re, shlex, statistics, subprocess, sys, threading, time, urllib.request

work = os.environ["BENCH_WORK"]
jars = os.environ["BENCH_JAR_PATHS"].split()
port = int(os.environ["BENCH_PORT"])
sizes = [int(r) for r in os.environ["BENCH_ROWS"].split()]
runs = int(os.environ["BENCH_RUNS"])
warmup_rows = int(os.environ["BENCH_WARMUP_ROWS"])
settle = float(os.environ["BENCH_SETTLE"])
java_opts = shlex.split(os.environ.get("BENCH_JAVA_OPTS", ""))
extra = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
integers = os.environ["BENCH_VALUES"] == "integers"
COLUMNS, MB = 50, 1024 * 1024
hwm_resettable = False


def csv_file(rows, seed):
    """rows x 50 features (three decimals, or integers 0..99) and a three-class target, seeded."""
    path = f"{work}/data-{rows}-{seed}.csv"
    if os.path.exists(path):
        return path
    rnd = random.Random(seed)
    with open(path, "w") as f:
        f.write(",".join(f"x{j}" for j in range(COLUMNS)) + ",label\n")
        for _ in range(rows):
            if integers:
                values = [rnd.randrange(100) for _ in range(COLUMNS)]
                cells = [str(v) for v in values]
                label = "abc"[(values[0] > 49) + (values[1] > 74)]
            else:
                values = [rnd.gauss(0, 1) for _ in range(COLUMNS)]
                cells = [f"{v:.3f}" for v in values]
                label = "abc"[(values[0] > 0) + (values[1] > 0.5)]
            f.write(",".join(cells) + "," + label + "\n")
    return path


def call(method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) * 1024
    return fields


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Sampler(threading.Thread):
    """The largest VmRSS seen, every 20 ms (VmHWM may not be resettable everywhere)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            try:
                self.peak = max(self.peak, status(self.pid)["VmRSS"])
            except (OSError, KeyError):
                return
            time.sleep(0.02)

    def take(self):
        peak, self.peak = self.peak, 0
        return peak


def reset_peak(pid, sampler):
    global hwm_resettable
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        hwm_resettable = True
    except OSError:
        hwm_resettable = False
    sampler.take()


def peak_since_reset(pid, sampler):
    sampled = sampler.take()
    return max(sampled, status(pid).get("VmHWM", 0) if hwm_resettable else 0)


def gc(pid):
    """A GC, then the heap used and committed, and the RSS after it."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True,
                          capture_output=True, text=True).stdout
    match = re.search(r"total (\d+)K, used (\d+)K", info)
    return int(match.group(2)) * 1024, int(match.group(1)) * 1024, status(pid)["VmRSS"]


def settled(pid):
    """One GC, then BENCH_SETTLE seconds of rest: the heap used and committed after the GC, and the
    RSS after the rest. One GC, not several: G1 sizes the heap by the share of recent time spent in
    pauses, and a few full GCs just before the measurement made it grow the heap at the next young
    GC (to 384 MiB from 136 at 400k rows) as it would not on a server that had been idle."""
    used, committed, _ = gc(pid)
    time.sleep(settle)
    return used, committed, status(pid)["VmRSS"]


def start(jar, label):
    data_dir = f"{work}/data-{label}"
    log = open(f"{work}/server-{label}.log", "w")
    server = subprocess.Popen(
        ["java", *java_opts, "-jar", jar, "--server.address=127.0.0.1", f"--server.port={port}",
         f"--backprop.data-dir={data_dir}",
         f"--backprop.limits.max-dataset-size={os.environ['BENCH_MAX_SIZE']}", *extra],
        stdout=log, stderr=subprocess.STDOUT)
    for _ in range(180):
        try:
            call("GET", "/actuator/health/readiness")
            return server
        except Exception:
            if server.poll() is not None:
                break
            time.sleep(1)
    server.kill()
    sys.exit(open(f"{work}/server-{label}.log").read()[-4000:] + "\nthe service did not start")


def upload(name, path):
    with open(path, "rb") as f:
        call("POST", f"/api/v1/datasets?name={name}&target=label", f.read(), "text/csv")


def train(name):
    call("POST", "/api/v1/networks",
         {"name": name, "inputs": COLUMNS, "loss": "cross_entropy", "seed": 42,
          "layers": [{"units": 16, "activation": "relu"}, {"units": 3, "activation": "softmax"}]})
    job = call("POST", f"/api/v1/networks/{name}/training-jobs",
               {"dataset": name, "epochs": 2, "batchSize": 128, "validationSplit": 0.1,
                "seed": 7})
    while job["status"] in ("QUEUED", "RUNNING", "queued", "running"):
        time.sleep(0.2)
        job = call("GET", f"/api/v1/training-jobs/{job['id']}")
    if job["status"].upper() != "SUCCEEDED":
        sys.exit(f"the training job ended {job['status']}: {job.get('error')}")


def timed_peak(pid, sampler, work_fn):
    reset_peak(pid, sampler)
    t0 = time.time()
    work_fn()
    return peak_since_reset(pid, sampler), time.time() - t0


def measure(jar, rows, run):
    path = csv_file(rows, rows)
    warm_path = csv_file(warmup_rows, warmup_rows + 1)
    load_start = load()
    server = start(jar, f"{rows}-{run}-{jars.index(jar)}")
    try:
        pid = server.pid
        time.sleep(5)
        sampler = Sampler(pid)
        sampler.start()
        heap_cold, _, cold_idle = settled(pid)
        cold_upload, _ = timed_peak(pid, sampler, lambda: upload("warmup", warm_path))
        cold_train, _ = timed_peak(pid, sampler, lambda: train("warmup"))
        call("DELETE", "/api/v1/datasets/warmup?force=true")
        call("DELETE", "/api/v1/networks/warmup")
        heap_idle, committed_idle, idle = settled(pid)
        upload_peak, upload_s = timed_peak(pid, sampler, lambda: upload("bench", path))
        train_peak, train_s = timed_peak(pid, sampler, lambda: train("bench"))
        heap_after, committed_after, rss_after = gc(pid)
        sampler.running = False
        return dict(jar=jar, rows=rows, run=run, f32=rows * (COLUMNS + 1) * 4,
                    load=f"{load_start:.1f}-{load():.1f}", cold_idle=cold_idle,
                    cold_upload=cold_upload, cold_train=cold_train, idle=idle,
                    upload=upload_peak, train=train_peak, heap_cold=heap_cold,
                    heap_idle=heap_idle, heap_after=heap_after, committed_idle=committed_idle,
                    committed_after=committed_after, rss_after=rss_after, upload_s=upload_s,
                    train_s=train_s)
    finally:
        server.terminate()
        server.wait(60)


results = []
for rows in sizes:
    for run in range(1, runs + 1):
        for jar in jars:
            r = measure(jar, rows, run)
            results.append(r)
            print(f"# {os.path.basename(jar)} {rows} run {run}: upload"
                  f" +{(r['upload'] - r['idle']) / MB:.0f} MiB, training"
                  f" +{(r['train'] - r['idle']) / MB:.0f} MiB, load {r['load']}",
                  file=sys.stderr, flush=True)

m = lambda b: f"{b / MB:,.0f}"
x = lambda r, key: (r[key] - r["idle"]) / r["f32"]
header = ("| jar | rows (float32) | run | load | cold idle RSS | cold first upload, job (+cold idle)"
          " | warm idle RSS | upload (+idle, x f32) | training (+idle, x f32)"
          " | heap used cold / idle / after GC | RSS after GC | upload s | train s |")
print(header)
print("|" + "---|" * (header.count("|") - 1))
for r in results:
    print(f"| {os.path.basename(r['jar'])} | {r['rows']:,} ({m(r['f32'])}) | {r['run']} | {r['load']}"
          f" | {m(r['cold_idle'])} | +{m(r['cold_upload'] - r['cold_idle'])},"
          f" +{m(r['cold_train'] - r['cold_idle'])}"
          f" | {m(r['idle'])}"
          f" | +{m(r['upload'] - r['idle'])} ({x(r, 'upload'):.1f}x)"
          f" | +{m(r['train'] - r['idle'])} ({x(r, 'train'):.1f}x)"
          f" | {m(r['heap_cold'])} / {m(r['heap_idle'])} / {m(r['heap_after'])}"
          f" | {m(r['rss_after'])} | {r['upload_s']:.1f} | {r['train_s']:.1f} |")
if runs > 1:
    print()
    print("| jar | rows | upload x f32 (min / median / max) | training x f32 (min / median / max) |")
    print("|---|---|---|---|")
    for jar in jars:
        for rows in sizes:
            rs = [r for r in results if r["jar"] == jar and r["rows"] == rows]
            spread = lambda key: " / ".join(
                f"{v:.1f}" for v in (min(x(r, key) for r in rs),
                                     statistics.median(x(r, key) for r in rs),
                                     max(x(r, key) for r in rs)))
            print(f"| {os.path.basename(jar)} | {rows:,} | {spread('upload')} | {spread('train')} |")
print(f"{os.environ['BENCH_VALUES']}; warm-up {warmup_rows:,} rows; java"
      f" {' '.join(java_opts) or '(no options)'}; MiB; peaks from VmHWM"
      f" {'(reset before each)' if hwm_resettable else 'not resettable here'} and VmRSS every 20 ms")
PY
