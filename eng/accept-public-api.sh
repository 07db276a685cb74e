#!/usr/bin/env bash
# Records the public API of each src project in its PublicAPI.Unshipped.txt: symbols the build reports as
# undeclared (RS0016) are added, declared symbols that no longer exist (RS0017) are removed. Run it after a
# deliberate API change, then read the diff of the .txt files: it is the API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  file="$dir/PublicAPI.Unshipped.txt"
  log=$(dotnet build "$project" --no-incremental -nologo 2>&1 || true)
  added=$(printf '%s\n' "$log" | grep "RS0016" | grep "$dir/" \
    | sed -n "s/.*Symbol '\(.*\)' is not part of the declared public API.*/\1/p" | sort -u || true)
  removed=$(printf '%s\n' "$log" | grep "RS0017" \
    | sed -n "s/.*Symbol '\(.*\)' is part of the declared API.*/\1/p" | sort -u || true)
  [ -n "$added$removed" ] || continue
  {
    head -1 "$file"
    { tail -n +2 "$file"; [ -z "$added" ] || printf '%s\n' "$added"; } \
      | grep -vxF -f <(printf '%s\n' "${removed:-__none__}") | sort -u
  } > "$file.new"
  mv "$file.new" "$file"
  echo "$dir: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed"
done
