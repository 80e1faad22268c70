#!/usr/bin/env bash
# Chart checks: `helm lint --strict` and `helm template` for every ci/*-values.yaml scenario,
# then assertions on the rendered objects. Needs only helm, bash, grep, awk, sed and base64,
# so it runs on a fresh machine where test.sh has installed helm.
# Prints one TAP-style line per assertion ("ok - ..." / "not ok - ..."); exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

HELM=${HELM:-helm}
CHART=deploy/helm/paginate
RELEASE=paginate
NAMESPACE=paginate
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }
# check "description" command...: one assertion.
check() {
  local desc=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}

if ! command -v "$HELM" >/dev/null 2>&1 && [ ! -x "$HELM" ]; then
  not_ok "helm is installed"
  echo "helm checks: $passed ok, $failed not ok"
  exit 1
fi

# yblock FILE KEY: the lines of the (every) YAML block whose key is KEY, indentation-based.
yblock() {
  awk -v key="$2" '
    { match($0, /^ */); ind = RLENGTH }
    inb && $0 !~ /^ *$/ && ind <= bind { inb = 0 }
    inb { print }
    $0 ~ ("^ *(- )?" key ":") { inb = 1; bind = ind; print }
  ' "$1"
}
# has FILE KEY PATTERN: block KEY of FILE holds a line matching the extended regex PATTERN.
has() { yblock "$1" "$2" | grep -Eq -- "$3"; }
# secret_value FILE KEY: the decoded value of KEY in a rendered Secret's data.
secret_value() { secret_data "$1" | sed -nE "s/^  $2: \"?([^\"]*)\"?$/\1/p" | base64 -d; }
# secret_data FILE: the data section of a rendered Secret.
secret_data() { awk '/^data:/ { on = 1; next } /^[^ ]/ { on = 0 } on' "$1"; }
rendered() { echo "$out/$1/paginate/templates/$2"; }
exists() { [ -s "$1" ]; }
missing() { [ ! -e "$1" ]; }
no_match() { ! grep -rEq -- "$1" "${@:2}"; }
# admits_to_management NETPOL POD: the management-port rule of the rendered ingress NetworkPolicy NETPOL has a
# peer that is a podSelector alone (the release namespace) whose every matchLabels entry is a label of POD.
admits_to_management() {
  local peer labels line
  peer=$(awk '/^    - ports:/ { m = 0 } /port: management/ { m = 1 } m' "$1" \
    | awk '/^        - / { p = ($0 ~ /^        - podSelector:$/) } p && /^              [^ ]/ { sub(/^ +/, ""); print }')
  [ -n "$peer" ] || return 1
  labels=$(yblock "$2" labels | sed -E 's/^ +//')
  while IFS= read -r line; do grep -qxF -- "$line" <<<"$labels" || return 1; done <<<"$peer"
}

scenarios=()
for values in "$CHART"/ci/*-values.yaml; do
  scenarios+=("$(basename "$values" -values.yaml)")
done

for s in "${scenarios[@]}"; do
  values="$CHART/ci/$s-values.yaml"
  check "$s: helm lint --strict" "$HELM" lint --strict "$CHART" -f "$values"
  if ! "$HELM" template "$RELEASE" "$CHART" -n "$NAMESPACE" -f "$values" --output-dir "$out/$s" >"$out/$s.log" 2>&1; then
    not_ok "$s: helm template renders"
    sed 's/^/#   /' "$out/$s.log"
    continue
  fi
  ok "$s: helm template renders"

  gw=$(rendered "$s" gateway-deployment.yaml)
  admin=$(rendered "$s" config-admin-deployment.yaml)
  cm=$(rendered "$s" configmap.yaml)
  secret=$(rendered "$s" secret.yaml)

  # Probes and metrics live on the management port only.
  check "$s: gateway readiness probe is /readyz on the management port" \
    bash -c "$(declare -f yblock has); has '$gw' readinessProbe 'path: /readyz' && has '$gw' readinessProbe 'port: management'"
  check "$s: gateway liveness probe is /healthz on the management port" \
    bash -c "$(declare -f yblock has); has '$gw' livenessProbe 'path: /healthz' && has '$gw' livenessProbe 'port: management'"
  check "$s: gateway startup probe uses the management port" has "$gw" startupProbe 'port: management'
  check "$s: gateway Kestrel management endpoint is set" grep -q 'Kestrel__Endpoints__Management__Url' "$gw"
  check "$s: gateway Service exposes public and management ports" \
    bash -c "grep -q 'name: public' '$(rendered "$s" gateway-service.yaml)' && grep -q 'name: management' '$(rendered "$s" gateway-service.yaml)'"
  check "$s: gateway spreads pods across nodes" has "$gw" topologySpreadConstraints 'topologyKey: kubernetes.io/hostname'
  check "$s: gateway sets resource requests" has "$gw" resources 'requests:'

  # Shutdown: the grace period covers the preStop sleep, the drain and a margin, from the same values.
  stop=$(sed -nE 's/^ +terminationGracePeriodSeconds: ([0-9]+)$/\1/p' "$gw")
  pre=$(yblock "$gw" preStop | sed -nE 's/^ +seconds: ([0-9]+)$/\1/p')
  drain=$(grep -A1 'name: Gateway__DrainSeconds' "$gw" | sed -nE 's/^ +value: "([0-9]+)"$/\1/p')
  check "$s: gateway gets Gateway__DrainSeconds" [ -n "$drain" ]
  check "$s: preStop is the sleep action" has "$gw" preStop 'sleep:'
  check "$s: terminationGracePeriodSeconds > preStop sleep + DrainSeconds" [ "${stop:-0}" -gt $((${pre:-0} + ${drain:-0})) ]

  # Identity: a ServiceAccount without a mounted API token, for every pod.
  for d in "$gw" "$admin" "$(rendered "$s" redis-deployment.yaml)"; do
    [ -e "$d" ] || continue
    name=$(basename "$d" .yaml)
    check "$s: $name runs as the chart's ServiceAccount" grep -Eq '^ +serviceAccountName: [a-z0-9-]+$' "$d"
    check "$s: $name mounts no API token" grep -q 'automountServiceAccountToken: false' "$d"
  done
  check "$s: ServiceAccount does not automount its token" grep -q '^automountServiceAccountToken: false' "$(rendered "$s" serviceaccount.yaml)"

  # helm test: a pod that checks the gateway's /readyz through its Service.
  t=$(rendered "$s" tests/test-readyz.yaml)
  check "$s: helm test pod is a test hook" grep -q 'helm.sh/hook: test' "$t"
  check "$s: helm test pod checks /readyz on the gateway Service" grep -q "http://$RELEASE-gateway:[0-9]*/readyz" "$t"
  check "$s: helm test pod runs as non-root" grep -q 'runAsNonRoot: true' "$t"

  # Hardened pods.
  for d in "$gw" "$admin" "$(rendered "$s" redis-deployment.yaml)"; do
    [ -e "$d" ] || continue
    name=$(basename "$d" .yaml)
    check "$s: $name runs as non-root" grep -q 'runAsNonRoot: true' "$d"
    check "$s: $name has a read-only root filesystem" grep -q 'readOnlyRootFilesystem: true' "$d"
    check "$s: $name forbids privilege escalation" grep -q 'allowPrivilegeEscalation: false' "$d"
    check "$s: $name drops all capabilities" has "$d" capabilities '- ALL'
    check "$s: $name pins an image tag" bash -c "grep -E '^ +image: ' '$d' | grep -Evq ':latest\"?$|:\"?$' && ! grep -Eq '^ +image: \"?[^:]+\"?$' '$d'"
  done

  # Secrets: only in the Secret, never in a ConfigMap or in a pod spec in clear text.
  check "$s: ConfigMap holds no credential keys" no_match 'ApiKeys|Password|ConnectionStrings|REDIS_PASSWORD' "$cm"
  check "$s: gateway gets no admin keys or SMTP credentials" no_match 'secretRef:|Admin__ApiKeys|Smtp__Password' "$gw"
  check "$s: Secret holds the Redis connection string" grep -q '^  ConnectionStrings__Redis:' "$secret"
  check "$s: Secret holds the admin keys" grep -q '^  Admin__ApiKeys__0:' "$secret"
  for canary in $(grep -oE 'CANARY-[A-Za-z0-9-]+' "$values" | sort -u); do
    check "$s: $canary appears in no rendered object in clear text" no_match "$canary" "$out/$s"
    check "$s: $canary is not in any ConfigMap, even base64-encoded" \
      no_match "$(printf %s "$canary" | base64 -w0 | cut -c1-16)|$canary" "$cm" "$(rendered "$s" dashboard-configmap.yaml)"
    found=0
    for key in $(secret_data "$secret" | sed -nE 's/^  ([A-Za-z0-9_]+): .*/\1/p'); do
      secret_value "$secret" "$key" | grep -q -- "$canary" && found=1
    done
    check "$s: $canary is stored in the Secret" [ "$found" -eq 1 ]
  done

  case "$s" in
    default)
      check "$s: HPA rendered" exists "$(rendered "$s" gateway-hpa.yaml)"
      check "$s: gateway replicas left to the HPA" no_match '^  replicas:' "$gw"
      check "$s: PDB rendered" exists "$(rendered "$s" gateway-pdb.yaml)"
      check "$s: no bundled Redis by default" missing "$(rendered "$s" redis-deployment.yaml)"
      check "$s: no NetworkPolicy by default" missing "$(rendered "$s" networkpolicy.yaml)"
      check "$s: no ServiceMonitor by default" missing "$(rendered "$s" servicemonitor.yaml)"
      check "$s: no Ingress by default" missing "$(rendered "$s" ingress-gateway.yaml)"
      check "$s: private upstreams are off by default" grep -q 'Gateway__AllowPrivateUpstreams: "false"' "$cm"
      check "$s: token emails default to clay.com" grep -q 'Admin__TokenEmailDomains__0: "clay.com"' "$cm"
      check "$s: default drain is 130 s (CONTRACT 6.7)" [ "$drain" = 130 ]
      check "$s: default grace period is 5 + 130 + 20 s" [ "$stop" = 155 ]
      check "$s: no priorityClassName by default" no_match 'priorityClassName' "$gw" "$admin"
      check "$s: images by tag, no digest by default" no_match '@sha256:' "$gw" "$admin"
      check "$s: no ingress NetworkPolicy by default" missing "$(rendered "$s" networkpolicy-ingress.yaml)"
      check "$s: no PrometheusRule by default" missing "$(rendered "$s" prometheusrule.yaml)"
      ;;
    external-redis)
      check "$s: allowlist entries in the ConfigMap" \
        bash -c "grep -q 'Gateway__AllowedNetworks__0: \"203.0.113.10/32\"' '$cm' && grep -q 'Gateway__AllowedNetworks__1: \"198.51.100.0/24\"' '$cm'"
      check "$s: trusted proxies in the ConfigMap" grep -q 'Gateway__TrustedProxies__0: "10.0.0.0/8"' "$cm"
      check "$s: Secret connection string is the external one" \
        bash -c "$(declare -f secret_value secret_data); secret_value '$secret' ConnectionStrings__Redis | grep -q '^redis.example.internal:6380,'"
      check "$s: SMTP password in the Secret" grep -q '^  Smtp__Password:' "$secret"
      check "$s: no bundled Redis objects" missing "$(rendered "$s" redis-deployment.yaml)"
      ;;
    bundled-redis)
      check "$s: Redis Deployment rendered" exists "$(rendered "$s" redis-deployment.yaml)"
      check "$s: Redis Service rendered" exists "$(rendered "$s" redis-service.yaml)"
      check "$s: Redis PVC rendered and kept on uninstall" grep -q 'helm.sh/resource-policy: keep' "$(rendered "$s" redis-pvc.yaml)"
      check "$s: apps connect to the bundled Redis Service" \
        bash -c "$(declare -f secret_value secret_data); secret_value '$secret' ConnectionStrings__Redis | grep -q '^$RELEASE-redis:6379,password='"
      check "$s: Redis password comes from the Secret" has "$(rendered "$s" redis-deployment.yaml)" secretKeyRef 'key: REDIS_PASSWORD'
      check "$s: no HPA when autoscaling is off" missing "$(rendered "$s" gateway-hpa.yaml)"
      check "$s: fixed gateway replicas" grep -q '^  replicas: 1' "$gw"
      check "$s: bundled Redis is Valkey" grep -Eq '^ +image: "valkey/valkey:[0-9]' "$(rendered "$s" redis-deployment.yaml)"
      check "$s: bundled Valkey starts valkey-server" grep -q 'exec valkey-server ' "$(rendered "$s" redis-deployment.yaml)"
      ;;
    full-featured)
      np=$(rendered "$s" networkpolicy.yaml)
      check "$s: NetworkPolicy blocks IPv4 metadata" has "$np" except '169\.254\.169\.254/32'
      check "$s: NetworkPolicy blocks IPv6 metadata" has "$np" except 'fd00:ec2::254/128'
      check "$s: NetworkPolicy blocks extra CIDRs" has "$np" except '100\.100\.100\.200/32'
      check "$s: NetworkPolicy keeps other egress open" grep -q 'cidr: 0.0.0.0/0' "$np"
      check "$s: NetworkPolicy selects gateway and config-admin" grep -q 'values: \["gateway", "config-admin"\]' "$np"
      sm=$(rendered "$s" servicemonitor.yaml)
      check "$s: ServiceMonitor scrapes /metrics on the management port" \
        bash -c "grep -q 'port: management' '$sm' && grep -q 'path: /metrics' '$sm'"
      rule=$(rendered "$s" prometheusrule.yaml)
      for metric in paginate_calls_total paginate_upstream_requests_total paginate_catalog_stale paginate_redis_connected; do
        check "$s: PrometheusRule alerts on $metric" grep -q "$metric" "$rule"
      done
      dash=$(rendered "$s" dashboard-configmap.yaml)
      check "$s: dashboard ConfigMap carries the grafana_dashboard label" grep -q 'grafana_dashboard: "1"' "$dash"
      check "$s: dashboard charts the contract metrics" \
        bash -c "for m in paginate_calls_total paginate_call_duration_seconds paginate_pages_total paginate_items_total paginate_upstream_requests_total paginate_upstream_request_duration_seconds paginate_retries_total paginate_access_denied_total paginate_runners_loaded; do grep -q \$m '$dash' || exit 1; done"
      check "$s: gateway Ingress routes to the public port" has "$(rendered "$s" ingress-gateway.yaml)" port 'name: public'
      check "$s: admin Ingress routes to the admin port" has "$(rendered "$s" ingress-admin.yaml)" port 'name: http'
      check "$s: runner_url base follows the gateway Ingress" grep -q 'Admin__PublicGatewayUrl: "https://paginate.example.com"' "$cm"
      check "$s: admin links follow the admin Ingress" grep -q 'Admin__PublicAdminUrl: "https://paginate-admin.example.com"' "$cm"
      check "$s: PDB uses maxUnavailable" grep -q 'maxUnavailable: 1' "$(rendered "$s" gateway-pdb.yaml)"
      check "$s: grace period follows drain 60 + preStop 10 + margin 20" [ "$stop" = 90 ]
      check "$s: preStop sleeps preStopSleepSeconds" [ "$pre" = 10 ]
      check "$s: gateway image pinned by digest" grep -q 'image: "paginate/gateway:0.1.0@sha256:0123456789abcdef' "$gw"
      check "$s: priorityClassName on gateway and admin" \
        bash -c "grep -q 'priorityClassName: paginate-critical' '$gw' && grep -q 'priorityClassName: paginate-critical' '$admin'"
      check "$s: named ServiceAccount used" grep -q 'serviceAccountName: paginate-runner' "$gw"
      check "$s: ServiceAccount carries its annotations" grep -q 'example.com/role: paginate' "$(rendered "$s" serviceaccount.yaml)"
      check "$s: extraEnv reaches the gateway" grep -q 'name: DOTNET_gcServer' "$gw"
      check "$s: extraVolumes and extraVolumeMounts reach the gateway" \
        bash -c "$(declare -f yblock has); has '$gw' volumes 'name: ca-bundle' && has '$gw' volumeMounts 'mountPath: /etc/ssl/certs/corporate'"
      check "$s: ServiceMonitor scheme" grep -q 'scheme: https' "$sm"
      check "$s: ServiceMonitor tlsConfig" has "$sm" tlsConfig 'serverName: paginate-gateway'
      check "$s: ServiceMonitor relabelings" has "$sm" relabelings 'targetLabel: node'
      check "$s: ServiceMonitor metricRelabelings" has "$sm" metricRelabelings 'action: drop'
      alerts=$(grep -c '^ *- alert: ' "$rule")
      check "$s: every alert has a runbook_url" [ "$(grep -c '^ *runbook_url: ' "$rule")" -eq "$alerts" ]
      for anchor in $(sed -nE 's/^ *runbook_url: .*#([a-z0-9]+)$/\1/p' "$rule"); do
        check "$s: runbook #$anchor exists in docs/runbooks.md" \
          bash -c "grep -E '^## ' docs/runbooks.md | tr 'A-Z' 'a-z' | grep -qx '## $anchor'"
      done
      check "$s: a disabled alert is left out" no_match 'alert: PaginateCircuitsOpen' "$rule"
      check "$s: the other alerts stay" [ "$alerts" -eq 7 ]
      check "$s: PrometheusRule alerts on upstream requests without an answer" grep -q 'error_type="no_response"' "$rule"
      check "$s: PrometheusRule alerts on overload rejections" grep -q 'paginate_calls_rejected_total' "$rule"
      npi=$(rendered "$s" networkpolicy-ingress.yaml)
      check "$s: ingress NetworkPolicy selects the gateway" has "$npi" podSelector 'app.kubernetes.io/component: gateway'
      check "$s: management port only from the monitoring namespace selector" \
        bash -c "$(declare -f yblock has); has '$npi' ingress 'port: management' && has '$npi' namespaceSelector 'kubernetes.io/metadata.name: observability' && has '$npi' podSelector 'app.kubernetes.io/name: prometheus'"
      check "$s: public port from publicFrom" has "$npi" ingress 'kubernetes.io/metadata.name: ingress-nginx'
      check "$s: management port admits the helm test pod" \
        bash -c "$(declare -f yblock admits_to_management); admits_to_management '$npi' '$t'"
      check "$s: dashboard charts the v2 series and per-runner averages" \
        bash -c "for m in paginate_call_seconds_total paginate_rate_limit_wait_seconds_total paginate_cache_lookups_total paginate_calls_rejected_total paginate_circuits_open error_type; do grep -q \$m '$dash' || exit 1; done"
      check "$s: dashboard's call duration histogram has no runner_id filter" \
        bash -c "! grep -E 'paginate_call_duration_seconds_bucket\{[^}]*runner_id' '$dash'"
      ;;
  esac
done

# What the chart must refuse.
check "schema rejects a non-numeric replica count" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gateway.replicaCount=many"
check "schema rejects an unknown top-level key" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gatway.replicaCount=1"
check "install without any Redis connection fails with a message" \
  bash -c "'$HELM' template x '$CHART' --set configAdmin.publicGatewayUrl=https://p.example 2>&1 | grep -q 'set redis.connectionString'"
check "install without a public gateway URL fails with a message (config-admin would not start)" \
  bash -c "! out=\$('$HELM' template x '$CHART' --set redis.connectionString=r:6379 2>&1) && grep -q 'set configAdmin.publicGatewayUrl' <<<\"\$out\""
check "without config-admin no public gateway URL is needed" \
  bash -c "'$HELM' template x '$CHART' --set redis.connectionString=r:6379 --set configAdmin.enabled=false >/dev/null"
check "existingSecret replaces the chart's Secret" \
  bash -c "out=\$('$HELM' template x '$CHART' --set secrets.existingSecret=mine --set configAdmin.publicGatewayUrl=https://p.example) && ! grep -q '^kind: Secret' <<<\"\$out\" && grep -q 'name: mine' <<<\"\$out\""

# kubeVersion is honest: the preStop sleep action needs 1.30, and older clusters are refused at install.
check "kubeVersion 1.30 renders the preStop sleep action" \
  bash -c "'$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --kube-version 1.30.0 --show-only templates/gateway-deployment.yaml | grep -A2 'preStop:' | grep -q 'sleep:'"
check "kubeVersion 1.29 is refused with the chart's kubeVersion" \
  bash -c "! out=\$('$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --kube-version 1.29.9 2>&1) && grep -q 'kubeVersion' <<<\"\$out\""
check "Chart.yaml claims kubeVersion >=1.30" grep -q '^kubeVersion: ">=1.30.0-0"' "$CHART/Chart.yaml"
check "a longer drain lengthens the grace period" \
  bash -c "'$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gateway.drainSeconds=300 --show-only templates/gateway-deployment.yaml | grep -q 'terminationGracePeriodSeconds: 325'"

# Every value is described: in the schema (from values.yaml's annotations) and in the chart README.
check "every values.schema.json property has a description" \
  bash -c "[ \"\$(jq '[paths(objects) | select(.[-2] == \"properties\")] as \$ps | [\$ps[] as \$p | getpath(\$p) | select(has(\"description\") | not)] | length' '$CHART/values.schema.json')\" = 0 ]"
if command -v node >/dev/null 2>&1; then
  check "values.schema.json descriptions match values.yaml (scripts/chart-docs.sh)" node scripts/chart-schema-descriptions.mjs "$CHART" --check
fi
undocumented=""
for param in $(sed -nE 's/^ *## @(param|extra) ([^ ]+) .*/\2/p' "$CHART/values.yaml"); do
  grep -qF "| \`$param\`" "$CHART/README.md" || undocumented="$undocumented $param"
done
check "chart README documents every @param of values.yaml (scripts/chart-docs.sh)" [ -z "$undocumented" ]
[ -n "$undocumented" ] && echo "#   not in the chart README:$undocumented"
check "chart README explains how drain and grace period agree" grep -q 'terminationGracePeriodSeconds' "$CHART/README.md"
check "schema rejects a malformed image digest" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gateway.image.digest=latest"
check "schema rejects an unknown alert name in disabled" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set metrics.prometheusRule.disabled.NoSuchAlert=true"

echo "helm checks: $passed ok, $failed not ok"
[ "$failed" -eq 0 ]
