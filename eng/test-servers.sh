#!/usr/bin/env bash
# Private PostgreSQL and MariaDB servers for the tests that need real ones (issue 5).
#
#   eng/test-servers.sh start   install the Debian packages when missing, start both servers (or reuse the
#                               ones this checkout already started), and write the connection settings
#   eng/test-servers.sh env     print the export lines: eval "$(eng/test-servers.sh env)"
#   eng/test-servers.sh stop    stop both servers and delete their data
#
# Each server is an instance of our own: its data lives in a temp folder made for this run, it listens on
# 127.0.0.1 only, on a free high port, and it reads none of the machine's config files. So a system-wide
# service, running or not, is never touched nor needed, and two checkouts on one machine do not collide.
# The settings go to artifacts/test-servers.env (one per checkout, ignored by git); the file can be sourced.
#
# HONE_TEST_SERVERS_WAIT: how many seconds a server may take to accept connections (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."

state=artifacts/test-servers.env
wait_seconds=${HONE_TEST_SERVERS_WAIT:-60}
mariadbd=/usr/sbin/mariadbd   # in sbin, which is not on every user's PATH

log() { printf 'test-servers: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Servers refuse to run as root. As root (CI), each runs as the system user its package made; as anyone
# else, simply as that user, who then owns the data too.
as_user() {
  local user=$1; shift
  if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}
owner_of() { if is_root; then printf '%s' "$1"; else id -un; fi; }

# The newest PostgreSQL installed (Debian keeps its programs in /usr/lib/postgresql/<major>/bin).
pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && printf '%s' "$bin"
}

# Prints the last lines of a server's log, after a message saying what went wrong.
fail_with_log() {
  local message=$1 file=$2
  log "$message; the end of $file:"
  tail -n 25 "$file" >&2 || true
  exit 1
}

install_missing_packages() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  [ -x "$mariadbd" ] || missing+=(mariadb-server)
  [ ${#missing[@]} -gt 0 ] || return 0
  is_root || die "${missing[*]} not installed; run 'sudo apt-get install ${missing[*]}', or this script as root."

  log "installing ${missing[*]} (apt-get)"
  local apt_log
  apt_log=$(mktemp)
  # Debian's package scripts would start and enable the system-wide service, which we never use. An
  # invoke-rc.d policy that answers 101 ("forbidden") stops them; container images often ship one already.
  local made_policy=''
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  # Install only what is missing: no upgrade of anything else, no questions, keep existing config files.
  local install=(apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}")
  if ! DEBIAN_FRONTEND=noninteractive "${install[@]}" > "$apt_log" 2>&1; then
    # Most often the package lists are missing or stale on a new machine: refresh them once.
    log "apt-get install failed ($(grep -m1 '^E:' "$apt_log" || echo 'see below')); running apt-get update"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive "${install[@]}"; } >> "$apt_log" 2>&1; then
      fail_with_log "could not install ${missing[*]} (is a Debian package source reachable?)" "$apt_log"
    fi
  fi
  rm -f "$apt_log"
  if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  pg_bin >/dev/null || die "PostgreSQL's programs are still missing after the install"
  [ -x "$mariadbd" ] || die "$mariadbd is still missing after the install"
}

# A TCP port on 127.0.0.1 that nobody listens on, checked with bash's /dev/tcp so that no other tool is
# needed. Below Linux's range for outgoing connections (32768 and up), so that no client takes it by chance;
# if another server takes it before ours binds, the start fails and shows the log.
free_port() {
  local port _
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "found no free port between 20000 and 32000"
}

start_postgres() {
  local bin dir=$root/postgres
  bin=$(pg_bin)
  mkdir -m 700 "$dir"
  chown "$(owner_of postgres)" "$dir"
  # UTF8 with the C.UTF-8 locale: any unicode text is stored as sent, on every machine alike. The host
  # (TCP) connections the tests make need a password; the local socket, in our folder, is trusted.
  as_user postgres "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 > "$dir/initdb.log" 2>&1 \
    || fail_with_log "initdb failed" "$dir/initdb.log"
  pg_port=$(free_port)
  # A throwaway server: durability settings off, as the tests never outlive it (this kills no server).
  local options="-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$dir"
  options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_user postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" \
    -w -t "$wait_seconds" start > /dev/null \
    || fail_with_log "PostgreSQL did not accept connections within ${wait_seconds}s" "$dir/server.log"
  as_user postgres "$bin/psql" -q -X -v ON_ERROR_STOP=1 -h "$dir" -p "$pg_port" -U postgres -d postgres \
    -c "CREATE ROLE hone LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE hone_test OWNER hone" > /dev/null
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, data in $dir/data"
}

start_mariadb() {
  local dir=$root/mariadb user
  user=$(owner_of mysql)
  mkdir -m 700 "$dir"
  chown "$user" "$dir"
  # --no-defaults first everywhere: the machine's /etc/mysql config must not apply. The install creates
  # root and "$user" accounts that log in through the socket as the same system user, and no test db.
  as_user mysql mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
    --auth-root-authentication-method=socket --skip-test-db > "$dir/install-db.log" 2>&1 \
    || fail_with_log "mariadb-install-db failed" "$dir/install-db.log"
  mysql_port=$(free_port)
  # utf8mb4 is MariaDB's only full UTF-8 (its "utf8" stops at three bytes: no emoji). No name lookups for
  # client hosts (the account is 'hone'@'127.0.0.1'). setsid keeps the server out of our terminal's
  # Ctrl-C. With no --log-error it logs to stderr, which goes to its log file, so that it holds none of our
  # file descriptors (a caller that reads our output would otherwise wait for the server to exit).
  local run=() server_pid
  if is_root; then run=(runuser -u mysql --); fi
  setsid "${run[@]}" "$mariadbd" --no-defaults --datadir="$dir/data" \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --bind-address=127.0.0.1 --port="$mysql_port" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=64M \
    < /dev/null >> "$dir/server.log" 2>&1 &
  server_pid=$!
  # Until mariadbd writes its pid file, this is how stop finds it (runuser passes SIGTERM on to it).
  echo "mariadb_launcher=$server_pid" >> "$state"
  local _
  for _ in $(seq $((wait_seconds * 4))); do
    kill -0 "$server_pid" 2> /dev/null || fail_with_log "MariaDB exited at start" "$dir/server.log"
    if as_user mysql mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u "$user" ping \
      > /dev/null 2>&1; then
      break
    fi
    sleep 0.25
  done
  as_user mysql mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u "$user" ping > /dev/null 2>&1 \
    || fail_with_log "MariaDB did not accept connections within ${wait_seconds}s" "$dir/server.log"
  as_user mysql mariadb --no-defaults --socket="$dir/mysqld.sock" -u "$user" -e "
    CREATE DATABASE hone_test;
    CREATE USER 'hone'@'127.0.0.1' IDENTIFIED BY '$password';
    GRANT ALL PRIVILEGES ON *.* TO 'hone'@'127.0.0.1';"
  log "MariaDB $("$mariadbd" --version | awk '{print $3}') on 127.0.0.1:$mysql_port, data in $dir/data"
}

# True when the servers recorded in $state are still up (pids alive, ports open).
running() {
  [ -f "$state" ] || return 1
  local pg_port mysql_port HONE_TEST_SERVERS_DIR
  # shellcheck source=/dev/null
  source "$state"
  local dir=$HONE_TEST_SERVERS_DIR
  [ -f "$dir/postgres/data/postmaster.pid" ] && [ -f "$dir/mariadb/mysqld.pid" ] || return 1
  kill -0 "$(head -n 1 "$dir/postgres/data/postmaster.pid")" 2> /dev/null || return 1
  kill -0 "$(cat "$dir/mariadb/mysqld.pid")" 2> /dev/null || return 1
  (exec 3<> "/dev/tcp/127.0.0.1/$pg_port") 2> /dev/null && (exec 3<> "/dev/tcp/127.0.0.1/$mysql_port") 2> /dev/null
}

start() {
  if running; then
    log "already running (reused): $(grep -o 'HONE_TEST_SERVERS_DIR=.*' "$state")"
    return 0
  fi
  [ ! -f "$state" ] || stop   # left over from a run whose servers have gone: clean up first
  install_missing_packages

  root=$(mktemp -d "${TMPDIR:-/tmp}/hone-test-servers.XXXXXX")
  chmod 755 "$root"   # the server users must reach their folders inside it
  # Written first, so that stop can clean up after a start that fails half-way.
  mkdir -p "$(dirname "$state")"
  printf 'export HONE_TEST_SERVERS_DIR=%q\n' "$root" > "$state"
  # A new password per run; hex, so it needs no quoting in a connection string or in SQL.
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

  start_postgres
  start_mariadb

  {
    echo "# Written by eng/test-servers.sh start; source it, or eval \"\$(eng/test-servers.sh env)\"."
    printf 'export HONE_TEST_SERVERS_DIR=%q\n' "$root"
    echo "export HONE_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Database=hone_test;Username=hone;Password=$password'"
    echo "export HONE_TEST_MYSQL='Server=127.0.0.1;Port=$mysql_port;Database=hone_test;User ID=hone;Password=$password'"
    echo "pg_port=$pg_port"
    echo "mysql_port=$mysql_port"
  } > "$state"
}

stop() {
  if [ ! -f "$state" ]; then
    log "no servers recorded in $state: nothing to stop"
    return 0
  fi
  local HONE_TEST_SERVERS_DIR='' mariadb_launcher=''
  # shellcheck source=/dev/null
  source "$state"
  local dir=$HONE_TEST_SERVERS_DIR bin pid _
  if [ -f "$dir/postgres/data/postmaster.pid" ] && bin=$(pg_bin); then
    # fast: roll back open transactions and disconnect clients rather than wait for them
    as_user postgres "$bin/pg_ctl" -D "$dir/postgres/data" -m fast -w -t 30 stop > /dev/null \
      || log "PostgreSQL did not stop cleanly"
  fi
  pid=$(cat "$dir/mariadb/mysqld.pid" 2> /dev/null || printf '%s' "$mariadb_launcher")
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2> /dev/null || true   # mariadbd shuts down cleanly on SIGTERM
    for _ in $(seq 120); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2> /dev/null; then
      log "MariaDB did not stop within 30s; killing it"
      kill -KILL "$pid" 2> /dev/null || true
    fi
  fi
  # Only a folder this script made: guard against an empty or foreign path in a damaged state file.
  case "$dir" in */hone-test-servers.*) rm -rf "$dir" ;; esac
  rm -f "$state"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    [ -f "$state" ] || die "not started: run eng/test-servers.sh start first"
    grep '^export ' "$state"
    ;;
  *)
    echo "usage: eng/test-servers.sh start|stop|env" >&2
    exit 2
    ;;
esac
