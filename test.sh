#!/usr/bin/env bash
# Builds the solution and runs every test project. The last line is always
#   tests: N passed, N failed, N skipped
# and the exit code is non-zero when anything failed (or did not build).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== build"
if ! dotnet build Hone.slnx -c Release -nologo -v quiet; then
  echo "test.sh: the build failed (see above)." >&2
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== test"
# One run per test project, each writing its own results file, so that no two runs share a file name.
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Only *.Tests projects hold tests; helpers such as Hone.Tests.Worker are built above and started by the tests.
  case "$name" in *.Tests) ;; *) continue ;; esac
  echo "-- $name"
  # The results file is read below and then deleted, so its path is not worth printing.
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    | grep -v '^Results File:'
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Sum the counters of every test run (one .trx file per test project).
passed=0; failed=0; skipped=0; runs=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
  runs=$((runs + 1))
done

if [ "$runs" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "test.sh: dotnet test exited with $status and reported no results for some projects." >&2
  failed=$((failed + 1))
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
