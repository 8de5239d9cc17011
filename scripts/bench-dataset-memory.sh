#!/usr/bin/env bash
# Data set memory benchmark: for 10k, 100k and 400k rows x 50 feature columns (plus a categorical
# target of three classes; features of three decimals, which no narrower encoding holds, or with
# BENCH_VALUES=integers small integers 0..99), starts the jar in a child JVM of its own with a fresh data directory,
# measures its idle RSS and heap (after a GC), uploads the data set as CSV, trains a 50-16-3
# network on it for two epochs, and reports the peak RSS of the upload and of the whole run
# (/proc/<pid>/status VmHWM, reset after the idle measurement, and VmRSS sampled every 20 ms), then
# the heap used and committed and the RSS after a GC (jcmd GC.run, GC.heap_info). Each size gets a
# new JVM, so that one size's peak is not another's.
#
# The numbers are megabytes (MiB); "x f32" divides the peak above the idle RSS by the data set's
# float32 size (rows x 51 columns x 4 bytes).
#
# The CSV of 400k rows (about 130 MB with decimals) is larger than the default upload limit, so the
# service runs with backprop.limits.max-dataset-size=256MB (BENCH_MAX_SIZE=512MB for 1,000,000 rows).
#
# Usage: scripts/bench-dataset-memory.sh                (builds the jar first)
#        BENCH_SKIP_BUILD=1 BENCH_ROWS="10000 100000" scripts/bench-dataset-memory.sh
#        BENCH_JAR=/tmp/old.jar BENCH_JAVA_OPTS="-Xmx2g" scripts/bench-dataset-memory.sh
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

if [[ -n "${BENCH_JAR:-}" ]]; then
  JAR="$BENCH_JAR"
else
  if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    echo "building the jar (./mvnw -B -q package -DskipTests)" >&2
    ./mvnw -B -q package -DskipTests >&2
  fi
  JAR="$(ls target/backprop-*.jar | grep -v -- '-plain' | head -1)"
fi

WORK="$(mktemp -d -t backprop-memory.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

BENCH_WORK="$WORK" BENCH_JAR_PATH="$JAR" BENCH_ROWS="$ROWS" BENCH_PORT="$PORT" \
  BENCH_VALUES="${BENCH_VALUES:-decimals}" BENCH_MAX_SIZE="${BENCH_MAX_SIZE:-256MB}" \
  python3 - "${EXTRA_ARGS[@]}" <<'PY'
import json, os, random, re, shlex, subprocess, sys, threading, time, urllib.request

work, jar = os.environ["BENCH_WORK"], os.environ["BENCH_JAR_PATH"]
port = int(os.environ["BENCH_PORT"])
sizes = [int(r) for r in os.environ["BENCH_ROWS"].split()]
java_opts = shlex.split(os.environ.get("BENCH_JAVA_OPTS", ""))
extra = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
integers = os.environ["BENCH_VALUES"] == "integers"
COLUMNS, MB = 50, 1024 * 1024
hwm_resettable = False


def csv_file(rows):
    """rows x 50 features (three decimals, or integers 0..99) and a three-class target, seeded."""
    path = f"{work}/data-{rows}.csv"
    rnd = random.Random(rows)
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


def peak_since_reset(pid, sampler):
    sampled = sampler.take()
    return max(sampled, status(pid).get("VmHWM", 0) if hwm_resettable else 0)


def reset_peak(pid):
    global hwm_resettable
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        hwm_resettable = True
    except OSError:
        hwm_resettable = False


def heap_after_gc(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True,
                          capture_output=True, text=True).stdout
    match = re.search(r"total (\d+)K, used (\d+)K", info)
    return int(match.group(2)) * 1024, int(match.group(1)) * 1024


def start(rows):
    data_dir = f"{work}/data-{rows}"
    log = open(f"{work}/server-{rows}.log", "w")
    server = subprocess.Popen(
        ["java", *java_opts, "-jar", jar, "--server.address=127.0.0.1", f"--server.port={port}",
         f"--backprop.data-dir={data_dir}",
         f"--backprop.limits.max-dataset-size={os.environ['BENCH_MAX_SIZE']}", *extra], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(180):
        try:
            call("GET", "/actuator/health/readiness")
            return server
        except Exception:
            if server.poll() is not None:
                break
            time.sleep(1)
    server.kill()
    sys.exit(open(f"{work}/server-{rows}.log").read()[-4000:] + "\nthe service did not start")


def train(rows):
    call("POST", "/api/v1/networks",
         {"name": "bench", "inputs": COLUMNS, "loss": "cross_entropy", "seed": 42,
          "layers": [{"units": 16, "activation": "relu"}, {"units": 3, "activation": "softmax"}]})
    job = call("POST", "/api/v1/networks/bench/training-jobs",
               {"dataset": "bench", "epochs": 2, "batchSize": 128, "validationSplit": 0.1,
                "seed": 7})
    while job["status"] in ("QUEUED", "RUNNING", "queued", "running"):
        time.sleep(0.2)
        job = call("GET", f"/api/v1/training-jobs/{job['id']}")
    if job["status"].upper() != "SUCCEEDED":
        sys.exit(f"the training job ended {job['status']}: {job.get('error')}")


def measure(rows):
    path = csv_file(rows)
    csv_bytes = os.path.getsize(path)
    f32 = rows * (COLUMNS + 1) * 4
    server = start(rows)
    try:
        pid = server.pid
        time.sleep(5)
        heap_idle, committed_idle = heap_after_gc(pid)
        idle = status(pid)["VmRSS"]
        sampler = Sampler(pid)
        sampler.start()
        reset_peak(pid)
        sampler.take()
        t0 = time.time()
        with open(path, "rb") as f:
            call("POST", "/api/v1/datasets?name=bench&target=label", f.read(), "text/csv")
        upload_seconds = time.time() - t0
        upload_peak = peak_since_reset(pid, sampler)
        reset_peak(pid)
        t0 = time.time()
        train(rows)
        train_seconds = time.time() - t0
        train_peak = peak_since_reset(pid, sampler)
        before_gc = status(pid)["VmRSS"]
        heap_after, committed_after = heap_after_gc(pid)
        rss_after = status(pid)["VmRSS"]
        sampler.running = False
        return dict(rows=rows, csv=csv_bytes, f32=f32, idle=idle, upload=upload_peak,
                    train=train_peak, before_gc=before_gc, rss_after=rss_after,
                    heap_idle=heap_idle, heap_after=heap_after, committed_idle=committed_idle,
                    committed_after=committed_after, upload_s=upload_seconds,
                    train_s=train_seconds)
    finally:
        server.terminate()
        server.wait(60)


results = [measure(rows) for rows in sizes]
m = lambda b: f"{b / MB:,.0f}"
x = lambda r, key: f"{(r[key] - r['idle']) / r['f32']:.1f}"
header = ("| rows | CSV | float32 | idle RSS | upload peak (+idle, x f32) | training peak"
          " (+idle, x f32) | RSS before / after GC | heap used idle / after GC"
          " | heap committed idle / after GC | upload s | train s |")
print(header)
print("|" + "---|" * (header.count("|") - 1))
for r in results:
    print(f"| {r['rows']:,} | {m(r['csv'])} | {m(r['f32'])} | {m(r['idle'])}"
          f" | {m(r['upload'])} (+{m(r['upload'] - r['idle'])}, {x(r, 'upload')})"
          f" | {m(r['train'])} (+{m(r['train'] - r['idle'])}, {x(r, 'train')})"
          f" | {m(r['before_gc'])} / {m(r['rss_after'])}"
          f" | {m(r['heap_idle'])} / {m(r['heap_after'])}"
          f" | {m(r['committed_idle'])} / {m(r['committed_after'])}"
          f" | {r['upload_s']:.1f} | {r['train_s']:.1f} |")
print(f"{os.environ['BENCH_VALUES']}; java {' '.join(java_opts) or '(no options)'}; MiB; peaks from VmHWM"
      f" {'(reset after idle)' if hwm_resettable else 'not resettable here'} and VmRSS every 20 ms")
PY
