#!/usr/bin/env bash
# Measures the Redis commands Paginate issues, for docs/scaling.md: a real redis-server, config-admin,
# the demo API and TWO gateway processes on loopback, RUNNERS runners (one published through the admin
# API, the rest copies of it written straight to Redis), then `INFO commandstats` deltas for
#   idle      IDLE_SECONDS with nothing happening (catalog version poll, connection upkeep)
#   publish   one runner created through the admin API (every gateway reloads ids and token hashes)
#   token     one token rotation as the admin API writes it (MULTI: HSET x2, HINCRBY, INCR, PUBLISH)
#   calls     CALLS runner calls through one gateway (call records)
# Usage: scripts/measure-redis-load.sh            (RUNNERS=10000 IDLE_SECONDS=30 CALLS=200 by default)
# Uses the apps published by ./run.sh in .run/app (publishes them when missing). Loopback only; stops
# everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNNERS=${RUNNERS:-10000}
IDLE_SECONDS=${IDLE_SECONDS:-30}
CALLS=${CALLS:-200}
PORT=${MEASURE_REDIS_PORT:-6493}
BASE=${MEASURE_HTTP_BASE:-18280}
GW1=$BASE GW1M=$((BASE + 1)) GW2=$((BASE + 2)) GW2M=$((BASE + 3)) ADMIN=$((BASE + 4)) DEMO=$((BASE + 5))
KEY=measure-admin-key-0123456789abcdef
APP=$ROOT/.run/app
work=$(mktemp -d)
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for project in gateway/Paginate.Gateway config-admin/Paginate.ConfigAdmin demo/Paginate.DemoApi; do
  name=$(basename "$project")
  if [ ! -f "$APP/$name/$name.dll" ]; then
    echo "publishing $name..." >&2
    dotnet publish "$project" -c Release -o "$APP/$name" -nologo -v quiet >/dev/null
  fi
done

rc() { redis-cli -p "$PORT" "$@"; }
start() { local dir=$1; shift; (cd "$dir" && exec "$@") >"$work/app${#pids[@]}.log" 2>&1 & pids+=($!); }
wait_url() {
  local i
  for i in $(seq 1 240); do curl -fsS -o /dev/null "${@:2}" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "no answer from $1" >&2; return 1
}

redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --logfile "$work/redis.log" &
pids+=($!)
for _ in $(seq 1 50); do [ "$(rc ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done

export ConnectionStrings__Redis=127.0.0.1:$PORT Gateway__AllowPrivateUpstreams=true
start "$APP/Paginate.DemoApi" dotnet Paginate.DemoApi.dll --urls "http://127.0.0.1:$DEMO"
start "$APP/Paginate.ConfigAdmin" env Kestrel__Endpoints__Public__Url="http://127.0.0.1:$ADMIN" Admin__ApiKeys__0=$KEY \
  Admin__PublicGatewayUrl="http://127.0.0.1:$GW1" Admin__PublicAdminUrl="http://127.0.0.1:$ADMIN" \
  Smtp__PickupDirectory="$work" dotnet Paginate.ConfigAdmin.dll
wait_url "http://127.0.0.1:$DEMO/healthz"
wait_url "http://127.0.0.1:$ADMIN/readyz"

publish() {
  curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$ADMIN/api/runners" --data @- <<EOF | grep -oE '"id" *: *"[^"]+"' | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/'
{ "name": "Load $1", "request": { "method": "GET", "url": "http://127.0.0.1:$DEMO/pages?per_page=20&pages=2" },
  "pagination": { "style": "page_number", "total_pages_path": "total_pages" }, "response": { "items_path": "data" } }
EOF
}

# One real runner, then RUNNERS-1 copies of its stored JSON under new ids, with a token hash each.
first=$(publish 0)
template=$(rc --raw GET "paginate:{catalog}:runner:$first")
now=$(date +%s%3N)
RUNNERS=$RUNNERS FIRST=$first TEMPLATE=$template NOW=$now python3 - >"$work/seed.resp" <<'EOF'
import os, hashlib, sys
n, first, template, now = int(os.environ["RUNNERS"]), os.environ["FIRST"], os.environ["TEMPLATE"], int(os.environ["NOW"])
def cmd(*args):
    out = [f"*{len(args)}\r\n"]
    for a in args:
        b = str(a).encode()
        out.append(f"${len(b)}\r\n")
        out.append(b.decode() + "\r\n")
    sys.stdout.write("".join(out))
for i in range(1, n):
    rid = f"rn_load{i:017d}"[:24]
    cmd("SET", f"paginate:{{catalog}}:runner:{rid}", template.replace(first, rid))
    cmd("ZADD", "paginate:{catalog}:runners", now - i, rid)
    cmd("HSET", "paginate:{catalog}:token-hashes", rid, hashlib.sha256(rid.encode()).hexdigest())
cmd("HSET", "paginate:{catalog}:token-hashes", first, hashlib.sha256(first.encode()).hexdigest())
cmd("INCR", "paginate:{catalog}:version")
EOF
rc --pipe <"$work/seed.resp" >/dev/null

for g in "$GW1 $GW1M" "$GW2 $GW2M"; do
  set -- $g
  start "$APP/Paginate.Gateway" env Kestrel__Endpoints__Public__Url="http://127.0.0.1:$1" \
    Kestrel__Endpoints__Management__Url="http://127.0.0.1:$2" Gateway__AllowedNetworks__0=127.0.0.1/32 dotnet Paginate.Gateway.dll
done
for m in $GW1M $GW2M; do
  wait_url "http://127.0.0.1:$m/readyz"
  for _ in $(seq 1 240); do
    loaded=$(curl -fsS "http://127.0.0.1:$m/metrics" | sed -nE 's/^paginate_runners_loaded(\{[^}]*\})? ([0-9]+).*/\2/p')
    [ "${loaded:-0}" -ge "$RUNNERS" ] && break
    sleep 0.5
  done
  if [ "${loaded:-0}" -lt "$RUNNERS" ]; then
    echo "gateway on :$m loaded ${loaded:-0} of $RUNNERS runners" >&2
    exit 1
  fi
done

# snapshot LABEL SECONDS DIVISOR: prints the commands since the last CONFIG RESETSTAT, per DIVISOR.
snapshot() {
  local label=$1 seconds=$2 divisor=$3
  local out
  out=$(rc INFO commandstats | tr -d '\r' | sed -nE 's/^cmdstat_([a-z|]+):calls=([0-9]+),usec=([0-9]+).*/\1 \2 \3/p' | grep -vE '^(info|config\|resetstat|config) ')
  local bytes
  bytes=$(rc INFO stats | tr -d '\r' | sed -nE 's/^total_net_output_bytes:([0-9]+)/\1/p')
  echo "## $label (over ${seconds}s, divided by $divisor)"
  echo "  command                     calls   Redis CPU (us)"
  awk -v d="$divisor" '{ printf "  %-22s %10.3f %12.1f\n", $1, $2 / d, $3 / d; total += $2; usec += $3 } END { printf "  %-22s %10.3f %12.1f\n", "TOTAL", total / d, usec / d }' <<<"$out"
  echo "  net output bytes       $((bytes / divisor))"
}
reset() { rc CONFIG RESETSTAT >/dev/null; }

echo "# Paginate Redis load: $RUNNERS runners, 2 gateways, $(nproc) cores, $(date -u +%FT%TZ)"
reset; sleep "$IDLE_SECONDS"
snapshot "idle, per gateway per second" "$IDLE_SECONDS" $((2 * IDLE_SECONDS))

reset; id=$(publish 1); sleep 3
snapshot "one publish (admin + 2 gateways reloading), whole fleet of 2" 3 1

# A token rotation exactly as RedisTokenStore.SetAsync writes it (the mail step is not Redis work).
reset
hash=$(printf %064d 1)
printf '%s\n' MULTI "HSET paginate:{catalog}:token:$id hash $hash issued_at 2026-01-01T00:00:00Z recipient o***@clay.com" \
  "HINCRBY paginate:{catalog}:token:$id rotations 1" "HSET paginate:{catalog}:token-hashes $id $hash" \
  "INCR paginate:{catalog}:version" \
  "PUBLISH paginate:catalog token:$id" EXEC | rc >/dev/null
sleep 3
snapshot "one token rotation (MULTI as the admin API writes it; 2 gateways reloading), whole fleet of 2" 3 1

reset
for _ in $(seq 1 "$CALLS"); do curl -fsS -o /dev/null "http://127.0.0.1:$GW1/r/$id"; done
sleep 3
snapshot "runner calls, per call" 0 "$CALLS"
