#!/usr/bin/env bash
# Builds the solution, starts private PostgreSQL and MariaDB servers (eng/test-servers.sh; HONE_TEST_SERVERS=skip
# skips the tests that need them) and runs every test project. The last line is always
#   tests: N passed, N failed, N skipped
# and the exit code is non-zero when anything failed (or did not build).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=$(mktemp -d)
servers_up=''
# Stops the test servers once, whatever happened: tests failed, start failed half-way, or Ctrl-C.
stop_servers() {
  if [ -n "$servers_up" ]; then
    servers_up=''
    eng/test-servers.sh stop || echo "test.sh: eng/test-servers.sh stop failed (see above)." >&2
  fi
}
trap 'stop_servers; rm -rf "$results"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

# The PostgreSQL and MariaDB tests need real servers: eng/test-servers.sh installs the Debian packages when
# missing and starts private instances. When that fails, those tests fail too (HONE_TEST_POSTGRES and
# HONE_TEST_MYSQL stay unset), so that CI cannot pass without them; HONE_TEST_SERVERS=skip skips them instead.
if [ "${HONE_TEST_SERVERS:-}" = skip ]; then
  echo "test.sh: HONE_TEST_SERVERS=skip: the tests that need PostgreSQL or MariaDB are skipped."
else
  echo "== servers"
  servers_up=yes
  if eng/test-servers.sh start && servers_env=$(eng/test-servers.sh env); then
    eval "$servers_env"
  else
    unset HONE_TEST_POSTGRES HONE_TEST_MYSQL
    echo "test.sh: PostgreSQL and MariaDB could not be started (see above), so the tests that need them" \
      "will fail; 'HONE_TEST_SERVERS=skip ./test.sh' skips them instead." >&2
  fi
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
# Here rather than only in the exit trap, so that the summary below stays the last line.
stop_servers

# Sum the counters of every test run (one .trx file per test project).
passed=0; failed=0; skipped=0; runs=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # The trx writer leaves skipped tests out of notExecuted (always 0): they are the ones not executed.
  skipped=$((skipped + $(get total) - $(get executed)))
  runs=$((runs + 1))
done

if [ "$runs" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "test.sh: dotnet test exited with $status and reported no results for some projects." >&2
  failed=$((failed + 1))
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
