#!/usr/bin/env bash
# Lists, for each engine folder (= namespace), the other engine namespaces it uses, then the cycles between
# top-level folders. Reads `using Paginate.Engine.X` lines, fully written `Paginate.Engine.X.` names and
# partly written sibling names (`Budgets.IUpstreamBudget`, which C# resolves through the parent namespace).
# Exits 1 when the top-level folders have a cycle (of any length), so it can guard the layering.
# Usage: scripts/engine-namespaces.sh   (from the repository root)
set -euo pipefail
root=engine/Paginate.Engine
edges=$(mktemp)
top=$(mktemp)
trap 'rm -f "$edges" "$top"' EXIT
folders=$(find "$root" -mindepth 1 -maxdepth 1 -type d -not -name obj -not -name bin -printf '%f\n' | sort | paste -sd'|' -)
find "$root" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort | while read -r file; do
  from=$(sed -n 's/^namespace Paginate\.Engine\.\([A-Za-z.]*\);.*/\1/p' "$file" | head -1)
  if [ -z "$from" ]; then continue; fi
  {
    grep -oE '(using )?Paginate\.Engine\.[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?' "$file" | sed -E 's/^using //; s/^Paginate\.Engine\.//' || true
    # A sibling's name written from its folder on, not after a dot (System.Text.Json.X is not ours).
    grep -oP "(?<![.\\w])($folders)\\.[A-Z][A-Za-z]*" "$file" || true
  } |
    while read -r to; do
      top_to=${to%%.*}
      if [ ! -d "$root/${to/.//}" ]; then to=$top_to; fi
      if [ "$to" != "$from" ]; then echo "$from $to"; fi
    done
done | sort -u > "$edges"
echo "== uses (namespace -> namespaces it uses)"
awk '{a[$1]=a[$1] " " $2} END {for (k in a) print k " ->" a[k]}' "$edges" | sort
echo "== cycles between top-level folders"
awk '{split($1,f,"."); split($2,t,"."); if (f[1]!=t[1]) print f[1], t[1]}' "$edges" | sort -u > "$top"
found=0
while read -r a b; do
  if grep -qx "$b $a" "$top" && [[ "$a" < "$b" ]]; then echo "$a <-> $b"; found=1; fi
done < "$top"
# Longer loops (A -> B -> C -> A): tsort names the folders of each loop it finds.
if ! loops=$(tsort < "$top" 2>&1 >/dev/null); then
  echo "folders on a loop: $(echo "$loops" | grep -v 'input contains a loop' | sed 's/^tsort: //' | awk '!seen[$0]++' | paste -sd' ' -)"
  found=1
fi
if [ "$found" -ne 0 ]; then
  echo "FAIL: engine namespaces have a cycle; see docs/architecture.md for the intended layering" >&2
  exit 1
fi
echo "none"
