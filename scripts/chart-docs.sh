#!/usr/bin/env bash
# Regenerates the chart's documentation from the `## @param` annotations in values.yaml:
#   deploy/helm/paginate/README.md      the Parameters tables (@bitnami/readme-generator-for-helm)
#   deploy/helm/paginate/values.schema.json   every property's "description"
# Run it after changing values.yaml and commit the result; scripts/helm-test.sh fails while either is stale.
# Needs node and npm; the generator is installed once under .tools/readme-generator.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CHART=deploy/helm/paginate
GENERATOR_VERSION=${README_GENERATOR_VERSION:-2.7.2}
dir="$ROOT/.tools/readme-generator"

if [ ! -x "$dir/node_modules/.bin/readme-generator" ]; then
  command -v npm >/dev/null 2>&1 || { echo "chart-docs.sh: npm is required (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$dir"
  echo "installing @bitnami/readme-generator-for-helm@$GENERATOR_VERSION into $dir" >&2
  (cd "$dir" && npm install --silent --no-audit --no-fund "@bitnami/readme-generator-for-helm@$GENERATOR_VERSION") \
    || { echo "chart-docs.sh: npm install of @bitnami/readme-generator-for-helm failed" >&2; exit 1; }
fi

"$dir/node_modules/.bin/readme-generator" --values "$CHART/values.yaml" --readme "$CHART/README.md" >/dev/null
node scripts/chart-schema-descriptions.mjs "$CHART"
echo "updated $CHART/README.md and $CHART/values.schema.json"
