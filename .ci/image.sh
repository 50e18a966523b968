#!/usr/bin/env bash
# The container image in CI (issue 17): built from the unchanged Dockerfile, run as the Helm chart
# declares it, and handed to ImageIntegrationTests.
#
#   .ci/image.sh up ENV_FILE   sets up a container engine, builds the image, renders the chart with the
#                              built tag, runs the image with what the chart declares (user, read-only
#                              root, writable /tmp, memory limit, probes on the management port), waits
#                              for it to be ready and stops it gracefully; then writes to ENV_FILE the
#                              variables under which ImageIntegrationTests must run (never skip) on it
#   .ci/image.sh down          stops what `up` started (the Podman service, containers the tests left)
#                              and removes the images the tests built
#
# Where a Docker engine answers (`docker info`), it is used with the real base images. Elsewhere (this
# project's machines: a docker client but no engine, and no registry but Debian's, npm's and Maven
# Central) it installs rootful Podman from Debian's packages and builds stand-ins of the base images
# under their exact names: a debootstrap'd Debian bookworm with this machine's Temurin 25 (JDK, and a
# jlinked JRE) and its Java trust store, and testcontainers/sshd:1.3.0 for Testcontainers'
# exposeHostPorts. The stand-ins are labelled with a hash of their recipe and inputs and rebuilt only
# when it changes; Podman's layer cache keeps the project image's stages. See
# ../shared/CONTAINER-NOTES.md for the errors met without the settings below.
# Stand-ins are not the real eclipse-temurin images: what this proves is the Dockerfile's own steps,
# users, layers, AOT training and the read-only run, not the real base images.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${CI_IMAGE:-callrecords-proxy:ci}
JDK_IMAGE=eclipse-temurin:25.0.3_9-jdk-noble
JRE_IMAGE=eclipse-temurin:25.0.3_9-jre-noble
SSHD_IMAGE=testcontainers/sshd:1.3.0
SOCKET=/run/podman/podman.sock
STATE=/run/callrecords-proxy-ci
CHECK_CONTAINER=callrecords-proxy-ci-check
STANDIN_LABEL=io.callrecords.ci.standin
PACKAGES="podman buildah runc conmon netavark aardvark-dns containernetworking-plugins iptables slirp4netns
  uidmap catatonit debootstrap golang-github-containers-common"

log() { printf '[image] %s\n' "$*"; }
fail() { printf '[image] FAILED: %s\n' "$*" >&2; exit 1; }
sudo=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")

docker_engine() {
  # a DOCKER_HOST left pointing at our Podman socket is not a Docker engine
  [ "${DOCKER_HOST:-}" != "unix://$SOCKET" ] && command -v docker > /dev/null 2>&1 \
    && docker info > /dev/null 2>&1
}

apt_install() {
  $sudo apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" > /dev/null
}

# --- Podman ------------------------------------------------------------------------------------------

install_podman() {
  local missing=""
  for tool in podman buildah runc conmon debootstrap slirp4netns; do
    command -v "$tool" > /dev/null 2>&1 || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    log "installing Podman from Debian's packages (missing:$missing)"
    local started=$SECONDS
    # shellcheck disable=SC2086
    apt_install $PACKAGES
    log "Podman installed in $((SECONDS - started)) s"
  fi
  # crun cannot raise RLIMIT_NOFILE/NPROC here (hard nofile limit 20000, no CAP_SYS_RESOURCE) and does
  # not support hybrid cgroups: runc, limits within the hard ones, cgroupfs, and events in a file
  if ! grep -q 'callrecords-proxy CI' /etc/containers/containers.conf 2> /dev/null; then
    if [ -s /etc/containers/containers.conf ]; then
      $sudo cp /etc/containers/containers.conf "/etc/containers/containers.conf.before-callrecords-ci"
    fi
    $sudo mkdir -p /etc/containers
    $sudo tee /etc/containers/containers.conf > /dev/null << 'CONF'
# Written by callrecords-proxy CI (.ci/image.sh): see CONTAINER-NOTES.md
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  fi
  podman --version
}

start_podman_service() {
  $sudo mkdir -p "$STATE" "$(dirname "$SOCKET")"
  if [ -f "$STATE/podman-service.pid" ] && kill -0 "$(cat "$STATE/podman-service.pid")" 2> /dev/null; then
    log "Podman's API service already runs (pid $(cat "$STATE/podman-service.pid"))"
    return
  fi
  rm -f "$SOCKET"
  setsid podman system service --time=0 "unix://$SOCKET" > "$STATE/podman-service.log" 2>&1 < /dev/null &
  echo $! > "$STATE/podman-service.pid"
  for _ in $(seq 1 100); do
    if [ -S "$SOCKET" ] && podman --url "unix://$SOCKET" version > /dev/null 2>&1; then
      log "Podman's Docker-compatible API listens on unix://$SOCKET (pid $(cat "$STATE/podman-service.pid"))"
      return
    fi
    sleep 0.2
  done
  cat "$STATE/podman-service.log" >&2
  fail "Podman's API service did not start"
}

# --- Stand-ins of the base images ----------------------------------------------------------------------

standin_current() { # IMAGE HASH
  [ "$(podman image inspect --format "{{ index .Labels \"$STANDIN_LABEL\" }}" "$1" 2> /dev/null)" = "$2" ]
}

debian_mirror() {
  grep -rhoE '^(deb[[:space:]]+(\[[^]]*\][[:space:]]+)?|URIs:[[:space:]]*)[a-z]+://[^[:space:]]+/debian/?([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/ 2> /dev/null | grep -oE '[a-z]+://[^[:space:]]+' | head -1 || true
}

build_standins() {
  local jdk=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25-jdk* 2> /dev/null | head -1 || true)}
  [ -x "$jdk/bin/jlink" ] || fail "no Temurin 25 JDK for the stand-in base images (set JAVA25_HOME)"
  local mirror
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || fail "no Debian mirror in /etc/apt/sources.list(.d)"
  # the stand-ins' recipe is this function: a change to it, to the JDK or to the trust store rebuilds them
  local hash
  hash=$( (declare -f build_standins; echo "$mirror"; "$jdk/bin/java" -version 2>&1
    sha256sum < /etc/ssl/certs/java/cacerts) | sha256sum | cut -c1-16)
  local rootfs
  rootfs=localhost/callrecords-ci/bookworm-minbase:$(echo "minbase bookworm $mirror" | sha256sum | cut -c1-16)
  if standin_current "$JDK_IMAGE" "$hash" && standin_current "$JRE_IMAGE" "$hash" \
      && standin_current "$SSHD_IMAGE" "$hash"; then
    log "stand-ins of $JDK_IMAGE, $JRE_IMAGE and $SSHD_IMAGE are current (recipe $hash): kept"
    return
  fi
  local started=$SECONDS work
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  if ! podman image exists "$rootfs"; then
    log "debootstrap --variant=minbase bookworm from $mirror"
    $sudo debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
    $sudo rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
    $sudo tar -C "$work/rootfs" -c . | podman import -q --change 'CMD ["/bin/bash"]' - "$rootfs" > /dev/null
    $sudo rm -rf "$work/rootfs"
  fi
  # the JDK as eclipse-temurin lays it out, with the machine's trust store (HTTPS goes through a
  # re-signing proxy whose CA only that store trusts, and the build stage's Maven wrapper downloads)
  mkdir -p "$work/jdk" "$work/jre" "$work/sshd"
  cp -rL "$jdk" "$work/jdk/openjdk"
  cp /etc/ssl/certs/java/cacerts "$work/jdk/openjdk/lib/security/cacerts"
  # the JRE: the JDK's runtime modules without its development tools, as Temurin's JRE (and without the
  # incubator modules, which a jlinked image would resolve at every start, with a warning)
  local modules
  modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
    | grep -vxE 'jdk\.(compiler|jlink|jpackage|jshell|javadoc|jdeps|jartool|jconsole|hotspot\.agent|jstatd|editpad|internal\.ed|internal\.opt|internal\.le|internal\.md)' \
    | grep -v '^jdk\.incubator\.' | paste -sd, -)
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$work/jre/openjdk"
  cp /etc/ssl/certs/java/cacerts "$work/jre/openjdk/lib/security/cacerts"
  for kind in jdk jre; do
    cat > "$work/$kind/Containerfile" << EOF
FROM $rootfs
ENV JAVA_HOME=/opt/java/openjdk LANG=C.UTF-8 LC_ALL=C.UTF-8
ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY openjdk /opt/java/openjdk
RUN printf '/opt/java/openjdk/lib\n/opt/java/openjdk/lib/server\n' > /etc/ld.so.conf.d/openjdk.conf \\
    && ldconfig && java -Xshare:dump > /dev/null && java -version
LABEL $STANDIN_LABEL=$hash org.opencontainers.image.description="CI stand-in: Debian bookworm + the machine's Temurin 25 ($kind)"
CMD ["jshell"]
EOF
  done
  # testcontainers/sshd:1.3.0 runs sshd with the root password from \$PASSWORD, as Testcontainers expects
  cat > "$work/sshd/Containerfile" << EOF
FROM $rootfs
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openssh-server \\
    && rm -rf /var/lib/apt/lists/* && mkdir -p /run/sshd && ssh-keygen -A
LABEL $STANDIN_LABEL=$hash org.opencontainers.image.description="CI stand-in: Debian bookworm + OpenSSH"
EXPOSE 22
ENTRYPOINT ["sh", "-c"]
CMD ["echo root:\${PASSWORD} | chpasswd && /usr/sbin/sshd -D -o PermitRootLogin=yes -o AddressFamily=inet -o GatewayPorts=yes -o AllowAgentForwarding=yes -o AllowTcpForwarding=yes -o KexAlgorithms=+diffie-hellman-group1-sha1 -o HostkeyAlgorithms=+ssh-rsa"]
EOF
  local name
  for name in "docker.io/library/$JDK_IMAGE jdk" "docker.io/library/$JRE_IMAGE jre" "docker.io/$SSHD_IMAGE sshd"; do
    set -- $name
    podman build --pull=never -t "$1" "$work/$2" > "$work/build.log" 2>&1 \
      || { tail -30 "$work/build.log" >&2; fail "building the stand-in $1"; }
  done
  # the stand-ins of an older recipe, now untagged
  podman image prune -f --filter "label=$STANDIN_LABEL" > /dev/null
  log "stand-ins built in $((SECONDS - started)) s (recipe $hash): $JDK_IMAGE, $JRE_IMAGE, $SSHD_IMAGE"
}

# --- The chart's declarations ---------------------------------------------------------------------------

ensure_yaml() {
  if ! python3 -c 'import yaml' > /dev/null 2>&1; then
    log "installing python3-yaml from Debian"
    apt_install python3-yaml
  fi
  # Debian's module lands in Debian's python3, which may not be the first on PATH
  if python3 -c 'import yaml' > /dev/null 2>&1; then PYTHON=python3; else PYTHON=/usr/bin/python3; fi
}

# Renders the chart with the built image and prints, as shell assignments, what the container needs
# and the chart declares; fails when the chart does not declare what the image needs.
chart_declarations() { # RENDERED_YAML IMAGE
  "$PYTHON" - "$1" "$2" << 'PY'
import re, shlex, sys, yaml

rendered, image = sys.argv[1], sys.argv[2]
docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
deployments = [d for d in docs if d.get("kind") == "Deployment"]
configmaps = [d for d in docs if d.get("kind") == "ConfigMap"]
problems = []
if len(deployments) != 1 or len(configmaps) != 1:
    sys.exit("expected one Deployment and one ConfigMap, found %d and %d" % (len(deployments), len(configmaps)))
pod = deployments[0]["spec"]["template"]["spec"]
container = pod["containers"][0]
config = configmaps[0]["data"]
security = {**pod.get("securityContext", {}), **container.get("securityContext", {})}
ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}

def need(condition, message):
    if not condition:
        problems.append(message)

need(container.get("image") == image, "the chart installs %r, not the built %r" % (container.get("image"), image))
need(security.get("runAsNonRoot") is True, "runAsNonRoot is not true")
need(security.get("runAsUser") == 10001, "runAsUser is %r, the image's user is 10001" % security.get("runAsUser"))
need(security.get("readOnlyRootFilesystem") is True, "the root filesystem is not read-only")
need(security.get("allowPrivilegeEscalation") is False, "privilege escalation is allowed")
need("ALL" in security.get("capabilities", {}).get("drop", []), "capabilities are not all dropped")
tmp = [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"]
volumes = {v["name"]: v for v in pod.get("volumes", [])}
need(len(tmp) == 1 and "emptyDir" in volumes.get(tmp[0]["name"], {}) and not tmp[0].get("readOnly"),
     "/tmp is not a writable emptyDir")
need(ports.get("http") == 8080, "the http port is %r, the image serves 8080" % ports.get("http"))
management = ports.get("management")
need(management is not None and str(management) == str(config.get("MANAGEMENT_SERVER_PORT")),
     "the management port %r is not the service's MANAGEMENT_SERVER_PORT %r" % (management, config.get("MANAGEMENT_SERVER_PORT")))

def probe(name, path):
    p = container.get(name) or {}
    get = p.get("httpGet") or {}
    port = ports.get(get.get("port"), get.get("port"))
    need(get.get("path") == path and port == management,
         "%s GETs %r on port %r, not %s on the management port" % (name, get.get("path"), get.get("port"), path))
    return p

readiness = probe("readinessProbe", "/actuator/health/readiness")
probe("livenessProbe", "/actuator/health/liveness")
startup = probe("startupProbe", "/actuator/health/liveness")

def quantity(text):
    m = re.fullmatch(r"([0-9]+)(Ki|Mi|Gi)?", str(text))
    if not m:
        sys.exit("cannot read the memory limit %r" % text)
    return int(m.group(1)) * {None: 1, "Ki": 1024, "Mi": 1024 ** 2, "Gi": 1024 ** 3}[m.group(2)]

memory = container.get("resources", {}).get("limits", {}).get("memory")
need(memory is not None, "no memory limit")
if problems:
    sys.exit("the chart does not declare what the image needs:\n  " + "\n  ".join(problems))
values = {
    "RUN_USER": security["runAsUser"], "RUN_GROUP": security.get("runAsGroup", security["runAsUser"]),
    "TMP_SIZE": volumes[tmp[0]["name"]]["emptyDir"].get("sizeLimit", "256Mi"),
    "TMP_BYTES": quantity(volumes[tmp[0]["name"]]["emptyDir"].get("sizeLimit", "256Mi")),
    "HTTP_PORT": ports["http"], "MANAGEMENT_PORT": management,
    "READINESS_PATH": readiness["httpGet"]["path"], "LIVENESS_PATH": "/actuator/health/liveness",
    # the startup probe's budget is how long Kubernetes gives the container to come up
    "STARTUP_SECONDS": startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3),
    "MEMORY_LIMIT": memory, "MEMORY_BYTES": quantity(memory),
    "GRACE_SECONDS": pod.get("terminationGracePeriodSeconds", 30),
}
for key, value in values.items():
    print("%s=%s" % (key, shlex.quote(str(value))))
with open(rendered + ".env", "w") as env:
    for key, value in config.items():
        env.write("%s=%s\n" % (key, value))
PY
}

# --- The image, built and run ------------------------------------------------------------------------

http_status() { # URL
  "$PYTHON" - "$1" << 'PY'
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=3).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print(0)
PY
}

run_as_the_chart_declares() {
  local work rendered
  work=$(mktemp -d)
  rendered=$work/chart.yaml
  # the minimal values, with the built image, and callers' keys from a key-set URL (which the service
  # reads on first use) rather than the issuer's metadata (which it reads at start, from Entra ID: out of
  # reach here)
  bash helm/helm.sh template ci helm/callrecords-proxy -f helm/callrecords-proxy/ci/minimal-values.yaml \
    --set "image.repository=${IMAGE%:*},image.tag=${IMAGE##*:}" \
    --set auth.issuerUri=,auth.jwkSetUri=http://127.0.0.1:9/ci-keys > "$rendered"
  local declarations
  declarations=$(chart_declarations "$rendered" "$IMAGE") || fail "chart check"
  eval "$declarations"
  log "chart rendered with image $IMAGE: user $RUN_USER:$RUN_GROUP, read-only root, /tmp emptyDir ($TMP_SIZE)," \
    "ports $HTTP_PORT and management $MANAGEMENT_PORT, probes $READINESS_PATH and $LIVENESS_PATH there," \
    "memory limit $MEMORY_LIMIT, grace period ${GRACE_SECONDS}s"
  [ "$($ENGINE image inspect --format '{{ .Config.User }}' "$IMAGE")" = "$RUN_USER:$RUN_GROUP" ] \
    || fail "the image's USER is not the chart's $RUN_USER:$RUN_GROUP"
  $ENGINE image inspect --format '{{ json .Config.ExposedPorts }}' "$IMAGE" | grep -q "\"$HTTP_PORT/tcp\"" \
    || fail "the image does not expose the chart's http port $HTTP_PORT"

  $ENGINE rm -f "$CHECK_CONTAINER" > /dev/null 2>&1 || true
  local start_ms
  start_ms=$(date +%s%3N)
  # the ConfigMap as the pod's envFrom, and a placeholder where the pod gets a Secret
  $ENGINE run -d --name "$CHECK_CONTAINER" --read-only --tmpfs "/tmp:rw,size=$TMP_BYTES" \
    --user "$RUN_USER:$RUN_GROUP" --memory "$MEMORY_BYTES" --cap-drop ALL --security-opt no-new-privileges \
    --env-file "$rendered.env" -e AZURE_CLIENT_SECRET=ci-placeholder-not-a-secret \
    -p "127.0.0.1::$HTTP_PORT" -p "127.0.0.1::$MANAGEMENT_PORT" "$IMAGE" > /dev/null \
    || fail "$ENGINE run as the chart declares"
  local management_url
  management_url=http://$($ENGINE port "$CHECK_CONTAINER" "$MANAGEMENT_PORT/tcp" | head -1)
  # one poller, every 100 ms, for at most the startup probe's budget
  if ! "$PYTHON" - "$management_url$READINESS_PATH" "$STARTUP_SECONDS" << 'PY'
import sys, time, urllib.request
deadline = time.monotonic() + int(sys.argv[2])
while time.monotonic() < deadline:
    try:
        if urllib.request.urlopen(sys.argv[1], timeout=2).status == 200:
            sys.exit(0)
    except Exception:
        pass
    time.sleep(0.1)
sys.exit(1)
PY
  then
    $ENGINE logs "$CHECK_CONTAINER" 2>&1 | tail -40 >&2
    fail "the container did not get ready within the startup probe's ${STARTUP_SECONDS}s"
  fi
  local ready_ms=$(($(date +%s%3N) - start_ms)) started_line
  started_line=$($ENGINE logs "$CHECK_CONTAINER" 2>&1 | grep -oE 'Started CallRecordsProxyApplication in [0-9.]+ seconds \(process running for [0-9.]+\)' | head -1 || true)
  [ "$(http_status "$management_url$LIVENESS_PATH")" = 200 ] || fail "liveness probe"
  [ "$($ENGINE exec "$CHECK_CONTAINER" id -u)" = "$RUN_USER" ] || fail "the container does not run as $RUN_USER"
  if $ENGINE exec "$CHECK_CONTAINER" sh -c 'touch /application/x' 2> /dev/null; then
    fail "the root filesystem is writable"
  fi
  $ENGINE exec "$CHECK_CONTAINER" sh -c 'touch /tmp/x && rm /tmp/x' || fail "/tmp is not writable"
  [ "$($ENGINE inspect --format '{{ .HostConfig.Memory }}' "$CHECK_CONTAINER")" = "$MEMORY_BYTES" ] \
    || fail "the container's memory limit is not the chart's $MEMORY_LIMIT"
  if $ENGINE logs "$CHECK_CONTAINER" 2>&1 | grep -F '[aot]' >&2; then
    fail "the JVM did not use the image's AOT cache"
  fi
  log "container ready in $(printf '%d.%03d' $((ready_ms / 1000)) $((ready_ms % 1000))) s: read-only root," \
    "tmpfs /tmp, user $RUN_USER, --memory $MEMORY_LIMIT, readiness and liveness 200 on port $MANAGEMENT_PORT" \
    "(the service's log: ${started_line:-no start line})"
  local stop_ms
  stop_ms=$(date +%s%3N)
  $ENGINE stop --time "$GRACE_SECONDS" "$CHECK_CONTAINER" > /dev/null
  local code
  code=$($ENGINE inspect --format '{{ .State.ExitCode }}' "$CHECK_CONTAINER")
  [ "$code" != 137 ] || fail "the container was killed after the ${GRACE_SECONDS}s grace period"
  stop_ms=$(($(date +%s%3N) - stop_ms))
  log "container stopped on SIGTERM in $(printf '%d.%03d' $((stop_ms / 1000)) $((stop_ms % 1000))) s" \
    "(exit $code; grace period ${GRACE_SECONDS}s)"
  $ENGINE rm -f "$CHECK_CONTAINER" > /dev/null
  rm -rf "$work"
}

up() {
  local env_file=$1 started=$SECONDS
  : > "$env_file"
  ensure_yaml
  if docker_engine; then
    ENGINE=docker
    log "Docker engine found: building on it with the real base images"
  else
    ENGINE=podman
    log "no Docker engine: Podman with stand-ins of the base images"
    install_podman
    build_standins
  fi
  local build_started=$SECONDS pull=()
  [ "$ENGINE" = podman ] && pull=(--pull=never)
  log "building $IMAGE from the unchanged Dockerfile ($ENGINE build)"
  if ! $ENGINE build "${pull[@]}" -t "$IMAGE" -f Dockerfile . > "${TMPDIR:-/tmp}/callrecords-proxy-image-build.log" 2>&1; then
    tail -60 "${TMPDIR:-/tmp}/callrecords-proxy-image-build.log" >&2
    fail "$ENGINE build"
  fi
  local size
  size=$($ENGINE image inspect --format '{{ .Size }}' "$IMAGE")
  log "built $IMAGE in $((SECONDS - build_started)) s, $((size / 1000000)) MB" \
    "($(grep -c -iE '^(--> )?Using cache|CACHED' "${TMPDIR:-/tmp}/callrecords-proxy-image-build.log" || true) steps from cache)"
  run_as_the_chart_declares
  if [ "$ENGINE" = podman ]; then
    start_podman_service
    {
      echo "DOCKER_HOST=unix://$SOCKET"
      echo "TESTCONTAINERS_RYUK_DISABLED=true"
    } >> "$env_file"
  fi
  {
    echo "CALLRECORDS_PROXY_IMAGE=$IMAGE"
    echo "IMAGE_TESTS=required"
  } >> "$env_file"
  log "ready for ImageIntegrationTests in $((SECONDS - started)) s: $(tr '\n' ' ' < "$env_file")"
}

down() {
  local engine=docker
  docker_engine || engine=podman
  command -v "$engine" > /dev/null 2>&1 || return 0
  # containers the tests left (Ryuk is off under Podman), and the images they built
  local containers images
  containers=$($engine ps -aq --filter label=org.testcontainers=true 2> /dev/null || true)
  [ -z "$containers" ] || $engine rm -f $containers > /dev/null 2>&1 || true
  $engine rm -f "$CHECK_CONTAINER" > /dev/null 2>&1 || true
  images=$($engine images -q --filter label=org.testcontainers=true 2> /dev/null | sort -u || true)
  [ -z "$images" ] || $engine rmi -f $images > /dev/null 2>&1 || true
  if [ -f "$STATE/podman-service.pid" ]; then
    local pid
    pid=$(cat "$STATE/podman-service.pid")
    if kill "$pid" 2> /dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      log "stopped Podman's API service (pid $pid)"
    fi
    rm -f "$STATE/podman-service.pid" "$SOCKET"
  fi
  log "cleaned up (${containers:+$(echo "$containers" | wc -w) test containers, }${images:+$(echo "$images" | wc -w) test images, }kept $IMAGE and the stand-ins as the build cache)"
}

case "${1:-}" in
  up) [ -n "${2:-}" ] || fail "usage: $0 up ENV_FILE"; up "$2" ;;
  down) down ;;
  *) fail "usage: $0 up ENV_FILE | down" ;;
esac
