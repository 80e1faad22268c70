#!/usr/bin/env bash
# The run command: builds Paginate and runs it locally with everything it needs:
#   redis-server  127.0.0.1:6390  (data in .run/redis, kept between runs)
#   config-admin  http://127.0.0.1:8081  (admin API + web UI; key in .run/admin-key)
#   gateway       http://127.0.0.1:8080  (calls)  and  http://127.0.0.1:9090 (metrics, health)
#   demo API      http://127.0.0.1:8082  (a paged upstream to try runners against)
# then publishes a demo runner and prints how to call it. Ctrl-C stops everything it started.
# Options: --no-build (reuse .run/app from the last run). Ports: PAGINATE_{REDIS,GATEWAY,MANAGEMENT,ADMIN,DEMO}_PORT.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RUN="$ROOT/.run"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

REDIS_PORT=${PAGINATE_REDIS_PORT:-6390}
GATEWAY_PORT=${PAGINATE_GATEWAY_PORT:-8080}
MANAGEMENT_PORT=${PAGINATE_MANAGEMENT_PORT:-9090}
ADMIN_PORT=${PAGINATE_ADMIN_PORT:-8081}
DEMO_PORT=${PAGINATE_DEMO_PORT:-8082}
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT
MANAGEMENT_URL=http://127.0.0.1:$MANAGEMENT_PORT
ADMIN_URL=http://127.0.0.1:$ADMIN_PORT
DEMO_URL=http://127.0.0.1:$DEMO_PORT

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

# --- what we start, so we stop exactly that -------------------------------------------------
# name -> pid; also written to .run/pids/<name>.pid so the next run can clean up after a crash.
declare -A PIDS=()
ORDER=()
stopping=0

# marker NAME: a string that must be in the command line of the process we started as NAME.
marker() {
  case "$1" in
    redis) echo "redis-server" ;;
    gateway) echo "Paginate.Gateway.dll" ;;
    admin) echo "Paginate.ConfigAdmin.dll" ;;
    demo) echo "Paginate.DemoApi.dll" ;;
  esac
}

# is_ours PID NAME: PID is alive and is the process we started under NAME.
is_ours() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$(marker "$2")"
}

# stop_pid PID: SIGTERM, wait up to 15 s, then SIGKILL.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  [ "$stopping" -eq 1 ] && return
  stopping=1
  trap - INT TERM
  local i name
  [ ${#ORDER[@]} -gt 0 ] && say "stopping..."
  # Reverse start order: the apps first, Redis last so they can finish their writes.
  for ((i = ${#ORDER[@]} - 1; i >= 0; i--)); do
    name=${ORDER[$i]}
    stop_pid "${PIDS[$name]}"
    wait "${PIDS[$name]}" 2>/dev/null
    rm -f "$RUN/pids/$name.pid"
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME LOG DIR COMMAND...: runs COMMAND in DIR in the background, remembers its pid.
start() {
  local name=$1 log=$2 dir=$3
  shift 3
  (cd "$dir" && exec "$@") >"$log" 2>&1 &
  PIDS[$name]=$!
  ORDER+=("$name")
  echo "${PIDS[$name]}" >"$RUN/pids/$name.pid"
}

# port_busy PORT: something accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http NAME URL...: waits up to 90 s for a 2xx from any of the URLs while NAME's process is
# alive. Requests carry the admin key when WAIT_AUTH is set.
WAIT_AUTH=""
wait_http() {
  local name=$1 url i
  local headers=()
  [ -n "$WAIT_AUTH" ] && headers=(-H "Authorization: Bearer $WAIT_AUTH")
  shift
  for i in $(seq 1 180); do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      say "$name exited during startup; last lines of $RUN/logs/$name.log:"
      tail -n 30 "$RUN/logs/$name.log" >&2
      return 1
    fi
    for url in "$@"; do
      curl -fsS -o /dev/null --max-time 2 "${headers[@]}" "$url" 2>/dev/null && return 0
    done
    sleep 0.5
  done
  say "$name did not answer $* within 90 s; see $RUN/logs/$name.log"
  return 1
}

# --- prerequisites -----------------------------------------------------------------------------
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
ensure_apt redis-server:redis-server redis-cli:redis-tools curl:curl || die "could not install redis-server, redis-tools or curl (reason above)"
command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET 10 SDK) is required"

mkdir -p "$RUN/redis" "$RUN/mail" "$RUN/logs" "$RUN/pids" "$RUN/app"

# A previous run that was killed hard leaves processes behind: stop only the ones it recorded.
for pidfile in "$RUN"/pids/*.pid; do
  [ -e "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile" 2>/dev/null)
  if is_ours "$pid" "$name"; then
    say "stopping $name left over from a previous run (pid $pid)"
    stop_pid "$pid"
  fi
  rm -f "$pidfile"
done

for port in "$REDIS_PORT" "$GATEWAY_PORT" "$MANAGEMENT_PORT" "$ADMIN_PORT" "$DEMO_PORT"; do
  if port_busy "$port"; then
    holder=$(command -v ss >/dev/null 2>&1 && ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n 1)
    die "port $port is already in use ${holder:+($holder)}; stop that process or set PAGINATE_*_PORT"
  fi
done

# --- build ---------------------------------------------------------------------------------------
# Published (not just built) so config-admin finds its wwwroot the same way it does in the image.
if [ "$build" -eq 1 ]; then
  for project in gateway/Paginate.Gateway config-admin/Paginate.ConfigAdmin demo/Paginate.DemoApi; do
    name=$(basename "$project")
    say "building $name (Release)..."
    dotnet publish "$project" -c Release -o "$RUN/app/$name" -nologo -v quiet -clp:ErrorsOnly >"$RUN/logs/build-$name.log" 2>&1 \
      || { cat "$RUN/logs/build-$name.log" >&2; die "build of $name failed"; }
  done
fi
for dll in Paginate.Gateway/Paginate.Gateway.dll Paginate.ConfigAdmin/Paginate.ConfigAdmin.dll Paginate.DemoApi/Paginate.DemoApi.dll; do
  [ -f "$RUN/app/$dll" ] || die "$RUN/app/$dll is missing; run without --no-build"
done

# --- admin key: generated once, reused ------------------------------------------------------------
if [ ! -s "$RUN/admin-key" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$RUN/admin-key")
  say "generated an admin key in .run/admin-key"
fi
ADMIN_KEY=$(cat "$RUN/admin-key")

# --- start ----------------------------------------------------------------------------------------
# Loopback only and persistence in .run/redis, so runners survive a restart of run.sh.
start redis "$RUN/logs/redis.log" "$RUN/redis" \
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode no --dir "$RUN/redis" \
  --appendonly yes --save 60 1 --daemonize no --logfile ""
for i in $(seq 1 100); do
  [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
  kill -0 "${PIDS[redis]}" 2>/dev/null || { tail -n 20 "$RUN/logs/redis.log" >&2; die "redis-server did not start"; }
  sleep 0.1
done

export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Gateway__AllowPrivateUpstreams=true

start demo "$RUN/logs/demo.log" "$RUN/app/Paginate.DemoApi" \
  dotnet Paginate.DemoApi.dll --urls "$DEMO_URL"

start admin "$RUN/logs/admin.log" "$RUN/app/Paginate.ConfigAdmin" \
  env Kestrel__Endpoints__Public__Url="$ADMIN_URL" \
  Admin__ApiKeys__0="$ADMIN_KEY" \
  Admin__PublicGatewayUrl="$GATEWAY_URL" \
  Admin__PublicAdminUrl="$ADMIN_URL" \
  Smtp__From=paginate@localhost \
  Smtp__PickupDirectory="$RUN/mail" \
  dotnet Paginate.ConfigAdmin.dll

start gateway "$RUN/logs/gateway.log" "$RUN/app/Paginate.Gateway" \
  env Kestrel__Endpoints__Public__Url="$GATEWAY_URL" \
  Kestrel__Endpoints__Management__Url="$MANAGEMENT_URL" \
  Gateway__AllowedNetworks__0=127.0.0.1/32 \
  dotnet Paginate.Gateway.dll

say "waiting for the services..."
wait_http demo "$DEMO_URL/healthz" || exit 1
# Listing runners proves the admin API, the key and Redis all work.
WAIT_AUTH=$ADMIN_KEY wait_http admin "$ADMIN_URL/healthz" "$ADMIN_URL/api/runners" || exit 1
wait_http gateway "$MANAGEMENT_URL/readyz" || exit 1

# --- the demo runner: created once, reused while Redis keeps it ----------------------------------
auth=(-H "Authorization: Bearer $ADMIN_KEY")
runner_id=$(cat "$RUN/demo-runner-id" 2>/dev/null)
if [ -n "$runner_id" ] && ! curl -fsS -o /dev/null "${auth[@]}" "$ADMIN_URL/api/runners/$runner_id" 2>/dev/null; then
  runner_id=""
fi
if [ -z "$runner_id" ]; then
  response=$(curl -sS "${auth[@]}" -H 'Content-Type: application/json' -X POST "$ADMIN_URL/api/runners" --data @- <<EOF
{
  "name": "Demo customers",
  "description": "Created by run.sh: the demo API's customers, five pages of page numbers.",
  "request": {
    "method": "GET",
    "url": "$DEMO_URL/pages?per_page={{per_page}}&pages=5",
    "forward_headers": [],
    "static_headers": {},
    "body": null
  },
  "pagination": {
    "style": "page_number",
    "page_param": { "in": "query", "name": "page" },
    "start_page": 1,
    "total_pages_path": "total_pages"
  },
  "response": { "items_path": "data" },
  "shape": { "mode": "select", "fields": ["id:id", "name:name", "email:email", "city:address.city"] },
  "limits": { "max_pages": 50, "max_items": null, "stop_on_empty_page": true, "stop_on_repeated_next": true }
}
EOF
  )
  runner_id=$(printf '%s' "$response" | grep -oE '"id" *: *"[^"]+"' | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/')
  if [ -z "$runner_id" ]; then
    say "could not create the demo runner; config-admin answered:"
    say "$response"
    exit 1
  fi
  echo "$runner_id" >"$RUN/demo-runner-id"
fi

cat <<EOF

Paginate is running.
  gateway     $GATEWAY_URL/r/{runner_id}   (127.0.0.1 is on the static-IP allowlist)
  admin UI    $ADMIN_URL/
  admin API   $ADMIN_URL/api/runners   (Authorization: Bearer \$(cat .run/admin-key))
  metrics     $MANAGEMENT_URL/metrics   (health: /healthz, /readyz)
  demo API    $DEMO_URL/
  admin key   .run/admin-key
  token mail  .run/mail/*.eml
  logs        .run/logs/

Demo runner $runner_id (5 pages of 20 customers). All pages in one answer:
  curl -s '$GATEWAY_URL/r/$runner_id?per_page=20'

Ctrl-C stops everything.
EOF

# Run until Ctrl-C / SIGTERM, or until one of the services dies.
wait -n "${PIDS[@]}"
for name in "${ORDER[@]}"; do
  if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
    say "$name stopped unexpectedly; last lines of $RUN/logs/$name.log:"
    tail -n 20 "$RUN/logs/$name.log" >&2
  fi
done
exit 1
