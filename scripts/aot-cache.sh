#!/usr/bin/env bash
# Records the JDK's ahead-of-time cache (JDK 25+: classes loaded and linked, method profiles) for
# the service, from a training run: starts the extracted jar with -XX:AOTCacheOutput, imports a
# 4-8-3 model, restarts it so that the start-up warm-up runs on that model (40,000 requests over
# HTTP on 8 connections), sends more one-row /v2 infer requests over HTTP, and stops it; the JVM
# writes the cache as it exits. Later starts given -XX:AOTCache=<output> (same JDK, same class path)
# load their classes from it and start compiling the request path from the recorded profiles.
#
# Usage: scripts/aot-cache.sh <java 25+> <extracted app jar> <output .aot> [requests]
#   the app jar as `java -Djarmode=tools -jar backprop.jar extract --destination DIR` writes it
#   (DIR/backprop-*.jar and DIR/lib): the cache needs plain jars on the class path, not nested ones.
# Needs curl. Uses a temporary data directory and a free loopback port.
set -euo pipefail

JAVA="$1"
APP_JAR="$2"
OUTPUT="$3"
REQUESTS="${4:-3000}"
WORK="$(mktemp -d -t backprop-aot.XXXXXX)"
PORT="${AOT_PORT:-18087}"
BASE="http://127.0.0.1:$PORT"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

run() { # starts the service with the given JVM options; waits until it is ready
  "$JAVA" "$@" -jar "$APP_JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --backprop.data-dir="$WORK/data" >>"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$BASE/actuator/health/readiness" && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -50 "$WORK/server.log" >&2
  echo "the service did not become ready" >&2
  exit 1
}
stop() {
  kill "$PID"
  wait "$PID" || true
  PID=""
}

# A 4-8-3 model (weights need not be trained: the path is what is recorded).
W1='[[0.1,-0.2,0.3,0.1],[0.2,0.1,-0.1,0.3],[-0.3,0.2,0.1,0.1],[0.1,0.1,0.2,-0.2],[0.3,-0.1,0.1,0.2],[0.2,0.2,-0.2,0.1],[-0.1,0.3,0.2,0.1],[0.1,-0.3,0.1,0.2]]'
W2='[[0.2,-0.1,0.1,0.3,-0.2,0.1,0.2,0.1],[0.1,0.2,-0.3,0.1,0.2,-0.1,0.1,0.2],[-0.2,0.1,0.2,-0.1,0.1,0.3,-0.1,0.1]]'
cat >"$WORK/model.json" <<JSON
{"format":"backprop-model","formatVersion":1,"version":1,
 "network":{"name":"aot-iris","inputs":4,"loss":"cross_entropy","seed":1,
   "layers":[{"units":8,"activation":"relu"},{"units":3,"activation":"softmax"}]},
 "standardization":{"mean":[5.8,3.0,3.7,1.2],"std":[0.8,0.4,1.7,0.7]},
 "layers":[{"weights":$W1,"biases":[0,0,0,0,0,0,0,0]},{"weights":$W2,"biases":[0,0,0]}]}
JSON
run -Dbackprop.serving.warmup.enabled=false
curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/model.json" \
  "$BASE/api/v1/networks/import"
stop

# The recorded run: start with a long warm-up, then requests over HTTP on one kept-alive connection.
# The warm-up sends 40,000 requests over HTTP on 8 connections (instead of its default 6,000 on 2
# within 1 s), so that the recorded profiles (JEP 515) are those of the request path under
# concurrent load, long enough for it to reach C2: a start from this cache reached 80% of steady
# throughput in 35 CPU-seconds instead of 36-45 (README, Cold start).
run "-XX:AOTCacheOutput=$OUTPUT" -Dbackprop.serving.warmup.timeout=60s \
  -Dbackprop.serving.warmup.http-requests=40000 -Dbackprop.serving.warmup.http-connections=8
printf '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}' \
  >"$WORK/row.json"
for _ in $(seq 1 "$REQUESTS"); do echo "url = \"$BASE/v2/models/aot-iris/infer\""; done >"$WORK/urls"
curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/row.json" \
  -K "$WORK/urls" >/dev/null
curl -fsS -o /dev/null "$BASE/api/v1/networks"
stop
[[ -s "$OUTPUT" ]] || { tail -30 "$WORK/server.log" >&2; echo "no AOT cache was written" >&2; exit 1; }
echo "AOT cache: $OUTPUT ($(du -h "$OUTPUT" | cut -f1))"
