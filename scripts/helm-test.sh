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
      ;;
  esac
done

# What the chart must refuse.
check "schema rejects a non-numeric replica count" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gateway.replicaCount=many"
check "schema rejects an unknown top-level key" \
  bash -c "! '$HELM' template x '$CHART' -f '$CHART/ci/default-values.yaml' --set gatway.replicaCount=1"
check "install without any Redis connection fails with a message" \
  bash -c "'$HELM' template x '$CHART' 2>&1 | grep -q 'set redis.connectionString'"
check "existingSecret replaces the chart's Secret" \
  bash -c "out=\$('$HELM' template x '$CHART' --set secrets.existingSecret=mine) && ! grep -q '^kind: Secret' <<<\"\$out\" && grep -q 'name: mine' <<<\"\$out\""

echo "helm checks: $passed ok, $failed not ok"
[ "$failed" -eq 0 ]
