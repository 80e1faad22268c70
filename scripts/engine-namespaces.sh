#!/usr/bin/env bash
# Lists, for each engine folder (= namespace), the other engine namespaces it uses, then the cycles between
# top-level folders. Reads `using Paginate.Engine.X` lines and fully written `Paginate.Engine.X.` names.
# Usage: scripts/engine-namespaces.sh   (from the repository root)
set -euo pipefail
root=engine/Paginate.Engine
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
find "$root" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort | while read -r file; do
  from=$(sed -n 's/^namespace Paginate\.Engine\.\([A-Za-z.]*\);.*/\1/p' "$file" | head -1)
  if [ -z "$from" ]; then continue; fi
  { grep -oE '(using )?Paginate\.Engine\.[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?' "$file" || true; } | sed -E 's/^using //; s/^Paginate\.Engine\.//' |
    while read -r to; do
      top_to=${to%%.*}
      if [ ! -d "$root/${to/.//}" ]; then to=$top_to; fi
      if [ "$to" != "$from" ]; then echo "$from $to"; fi
    done
done | sort -u > "$edges"
echo "== uses (namespace -> namespaces it uses)"
awk '{a[$1]=a[$1] " " $2} END {for (k in a) print k " ->" a[k]}' "$edges" | sort
echo "== cycles between top-level folders"
awk '{split($1,f,"."); split($2,t,"."); if (f[1]!=t[1]) print f[1], t[1]}' "$edges" | sort -u > "$edges.top"
while read -r a b; do
  if grep -qx "$b $a" "$edges.top" && [[ "$a" < "$b" ]]; then echo "$a <-> $b"; fi
done < "$edges.top"
rm -f "$edges.top"
