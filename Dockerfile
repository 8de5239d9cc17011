# Backprop container image.
#
#   docker build -t backprop .
#   docker run -p 8080:8080 -v backprop-data:/data backprop
#
# Stage 1 builds the jar with the Maven wrapper on a JDK and splits it into Spring Boot's layers;
# stage 2 runs the layers on a JDK 25 JRE as a non-root user, with an ahead-of-time cache recorded
# at image build time (classes loaded and linked, method profiles: the service is ready sooner and
# at full speed sooner). Kept within Docker 20.10 BuildKit syntax (no heredocs, no ADD --checksum).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The Maven repository (and the wrapper's Maven download) live in a BuildKit cache, not in a layer.
# Tests run in CI (./mvnw verify), not here; formatting and coverage are developer/CI concerns too,
# and so is the Java client generated from openapi/ for the tests (-Dbackprop.client.skip: the
# OpenAPI document is not in this stage).
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -Dbackprop.client.skip -Dspotless.skip=true -Djacoco.skip=true package \
 && cp target/backprop-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
# curl for the HEALTHCHECK (installed only if the base image lacks it); a fixed non-root uid/gid
# 10001 that Kubernetes' runAsUser matches; a writable dir for data.
RUN if ! command -v curl >/dev/null 2>&1; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system --gid 10001 backprop \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin backprop \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
WORKDIR /app
# Layers from least to most often changed, so a code change rebuilds only the last one. Extracted
# as plain jars (app.jar, its Class-Path in lib/), not for Spring Boot's launcher: the AOT cache
# only holds classes from plain jars on the class path.
# Files stay owned by root: the application cannot modify its own code.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
# ND4J's and OpenBLAS's natives (~490 MB) are unpacked here, once, into JavaCPP's cache in the
# image, instead of by every container when it starts. The cache belongs to root and is only read at
# run time: the service points JavaCPP at it although it may not write there (see
# NativeLibraries.useReadOnlyCache), JavaCPP finds each library in place (same size and timestamp
# as in its jar) and writes nothing, so it works on a read-only root filesystem. Only
# dev.backprop.NativeLibraries and the engine it initialises ND4J through are copied before this
# step, so the layer is rebuilt when the dependencies or the engine change, not with every change.
# JavaCPP compares each file's time with its jar entry's, which the jars store in local time: the
# JVM runs in UTC at build and at run time alike.
COPY --from=build /workspace/target/classes/dev/backprop/NativeLibraries.class /tmp/unpack/dev/backprop/
COPY --from=build /workspace/target/classes/dev/backprop/engine/ /tmp/unpack/dev/backprop/engine/
RUN java -Duser.timezone=UTC -Dorg.bytedeco.javacpp.cachedir=/opt/javacpp-cache \
      -cp "/tmp/unpack:/app/lib/*" dev.backprop.NativeLibraries \
 && rm -rf /tmp/unpack /tmp/hsperfdata_root \
 && chmod -R a+rX /opt/javacpp-cache
COPY --from=build /workspace/extracted/application/ ./

# Memory: the Java heap takes half of the container's memory; ND4J's arrays live off-heap and are
# bounded separately (JavaCPP percentages are relative to the maximum heap): maxbytes=50% caps the
# tracked ND4J buffers at a quarter of the container, maxphysicalbytes=180% makes JavaCPP refuse
# allocations (OutOfMemoryError, after a GC) once the whole process's resident memory reaches 90% of
# the container, before the kernel's OOM killer would. The rest is metaspace, threads, natives, and
# the training rows of a running job (direct buffers, at most twice the CSV: 128 MiB) and of
# the last one (kept for the next job, up to backprop.training.kept-rows-size): docs/operations.md.
# JavaCPP loads its natives from the cache filled above (in UTC, as they were unpacked).
ENV BACKPROP_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-Duser.timezone=UTC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.maxbytes=50% -Dorg.bytedeco.javacpp.maxphysicalbytes=180% -Dorg.bytedeco.javacpp.cachedir=/opt/javacpp-cache"
# The AOT cache (JDK 25): a training run of the service itself (start with a long warm-up on a small
# model, 40,000 /v2 requests over HTTP on 8 connections, a few thousand more, stop) with the same
# JVM, options and class path as at run time. A JVM that cannot use it (another JVM, another class path) says so and starts without it.
COPY scripts/aot-cache.sh /tmp/aot-cache.sh
RUN /tmp/aot-cache.sh java /app/app.jar /app/app.aot \
 && rm -rf /tmp/aot-cache.sh /tmp/hsperfdata_root \
 && chmod a+r /app/app.aot
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8080
# Liveness, not /actuator/health: a slow database must not make the container "unhealthy".
# SERVER_PORT, when set, moves the app and its health check together.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/liveness" || exit 1
# Exec form: java is PID 1 and receives SIGTERM directly (graceful shutdown, 30 s).
# Four JIT compiler threads instead of the two a 2-CPU container gets: under load the single C2
# thread competes with every request thread, and the request path reached C2 only ~40 s after
# start. Side by side (scripts/bench-coldstart.sh, JDK 25 + this AOT cache, iris /v2 at 16
# connections), 80% of steady throughput came at 21.4 s instead of 48.4 s (and 27 s instead of 44 s
# in an earlier session), for about 1-3 more CPU-seconds before readiness. In the ENTRYPOINT, not
# JAVA_TOOL_OPTIONS, which the Kubernetes ConfigMap replaces.
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-XX:CICompilerCount=4", "-jar", "/app/app.jar"]
