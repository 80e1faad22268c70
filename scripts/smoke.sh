#!/usr/bin/env bash
# End-to-end check of a running ./run.sh: the demo runner returns every page's items, a call
# without allowlist or token is refused, the admin API answers, and the gateway exports metrics.
# Usage: ./run.sh in one terminal, then scripts/smoke.sh in another.
set -uo pipefail
cd "$(dirname "$0")/.."
RUN=.run
GATEWAY_URL=http://127.0.0.1:${PAGINATE_GATEWAY_PORT:-8080}
MANAGEMENT_URL=http://127.0.0.1:${PAGINATE_MANAGEMENT_PORT:-9090}
ADMIN_URL=http://127.0.0.1:${PAGINATE_ADMIN_PORT:-8081}
passed=0 failed=0

check() {
  local desc=$1; shift
  if "$@" >/dev/null 2>&1; then echo "ok - $desc"; passed=$((passed + 1)); else echo "not ok - $desc"; failed=$((failed + 1)); fi
}

runner=$(cat "$RUN/demo-runner-id" 2>/dev/null) || { echo "no $RUN/demo-runner-id: is ./run.sh running?" >&2; exit 1; }
key=$(cat "$RUN/admin-key")

answer=$(curl -sS "$GATEWAY_URL/r/$runner?per_page=20")
check "demo runner answers 200" curl -fsS -o /dev/null "$GATEWAY_URL/r/$runner?per_page=20"
check "answer holds all 100 items (5 pages of 20)" bash -c "[ \$(grep -o '\"id\":\"cus_' <<<'$answer' | wc -l) -eq 100 ]"
check "answer has the last item" grep -q '"cus_000100"' <<<"$answer"
check "meta reports 5 pages" grep -Eq '"pages": ?5' <<<"$answer"
check "missing placeholder is a 400" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$GATEWAY_URL/r/$runner') = 400 ]"
check "admin API refuses a call without the key" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$ADMIN_URL/api/runners') = 401 ]"
check "admin API lists the demo runner" bash -c "curl -fsS -H 'Authorization: Bearer $key' '$ADMIN_URL/api/runners' | grep -q '$runner'"
check "admin UI is served" curl -fsS -o /dev/null "$ADMIN_URL/"
check "gateway is ready" curl -fsS -o /dev/null "$MANAGEMENT_URL/readyz"
check "metrics count the call" bash -c "curl -fsS '$MANAGEMENT_URL/metrics' | grep -q '^paginate_calls_total{.*runner_id=\"$runner\"'"
check "metrics are not served on the public port" bash -c "! curl -fsS '$GATEWAY_URL/metrics' | grep -q '^paginate_'"

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
