#!/usr/bin/env bash
# The test command: installs what is missing, builds warning-free, runs every test project,
# and ends with one line: "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/deps.sh
ensure_apt redis-server:redis-server chromium:chromium
ensure_helm

log=$(mktemp -d)/test.log
failed_build=0
dotnet build Paginate.sln -c Release -warnaserror -nologo 2>&1 | tee "$log.build" | grep -E "error|Warn|Error" || true
if ! grep -q "Build succeeded" "$log.build"; then
  failed_build=1
fi

passed=0 failed=0 skipped=0
if [ $failed_build -eq 0 ]; then
  dotnet test Paginate.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
  while read -r f p s; do
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  done < <(grep -E "^(Passed|Failed)! +- Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/')
  projects=$(find tests -name '*.Tests.csproj' | wc -l)
  reported=$(grep -cE "^(Passed|Failed)! +- Failed:" "$log" || true)
  if [ "$reported" -lt "$projects" ]; then
    echo "only $reported of $projects test projects reported results" >&2
    failed=$((failed + projects - reported))
  fi
else
  echo "build failed" >&2
  failed=1
fi

if [ -x scripts/helm-test.sh ]; then
  if bash scripts/helm-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
