#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to PublicAPI.Unshipped.txt of each src project.
# Run it after a deliberate API change, then read the diff of the .txt files: it is the API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  symbols=$(dotnet build "$project" --no-incremental -nologo 2>&1 \
    | grep "RS0016" | grep "$dir/" | sed -n "s/.*Symbol '\(.*\)' is not part of the declared public API.*/\1/p" | sort -u || true)
  [ -n "$symbols" ] || continue
  { cat "$dir/PublicAPI.Unshipped.txt"; printf '%s\n' "$symbols"; } | awk 'NR==1 || !seen[$0]++' \
    | { read -r header; echo "$header"; sort; } > "$dir/PublicAPI.Unshipped.txt.new"
  mv "$dir/PublicAPI.Unshipped.txt.new" "$dir/PublicAPI.Unshipped.txt"
  echo "$dir: $(printf '%s\n' "$symbols" | wc -l) symbols added"
done
