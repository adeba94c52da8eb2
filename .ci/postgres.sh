#!/usr/bin/env bash
# A throwaway PostgreSQL for the storage tests. Prints ONE line on stdout:
#   export WERKSTIJL_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:<port>/werkstijl_test
# so CI can `eval "$(bash .ci/postgres.sh)"`; everything else (apt, initdb, pg_ctl) goes to stderr.
#
# Runs as root on a fresh Debian machine without stdin: installs postgresql when missing, then
# starts a cluster owned by `postgres` in $WERKSTIJL_PG_DIR (default /tmp/werkstijl-postgres) on a
# free port, listening on 127.0.0.1 only. Idempotent: a second run reuses the running cluster.
# `bash .ci/postgres.sh stop` stops and removes it. Also works as a normal user (owns the cluster).
# The cluster trusts every local connection and does not fsync: for tests only, never for data.
set -euo pipefail
exec 3>&1 1>&2 # fd 3 is the real stdout, kept for the export line only

DIR="${WERKSTIJL_PG_DIR:-/tmp/werkstijl-postgres}"
DATA="$DIR/data"
DB=werkstijl_test

die() {
  echo "postgres.sh: $*"
  exit 1
}

as_owner() { # initdb and postgres refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local version
  version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/initdb" ] || return 1
  echo "/usr/lib/postgresql/$version/bin"
}

install_postgres() {
  [ "$(id -u)" = 0 ] || die "postgresql is not installed and installing it needs root"
  echo "postgres.sh: installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql </dev/null >/dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || shuf -i 20000-60000 -n 1
}

running() { # accepting connections, not merely a pid file (a killed server leaves one)
  [ -f "$DIR/port" ] && as_owner "$BIN/pg_isready" -q -h 127.0.0.1 -p "$(cat "$DIR/port")" -t 5
}

new_cluster() {
  if [ -d "$DATA" ]; then # a stale cluster (killed, or from before a reboot): start over
    as_owner "$BIN/pg_ctl" stop -D "$DATA" -m immediate >/dev/null 2>&1 || true
  fi
  if [ -n "$(ls -A "$DIR" 2>/dev/null)" ] && ! [ -f "$DATA/PG_VERSION" ]; then
    die "$DIR is not empty and holds no cluster of ours: refusing to delete it"
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
}

start_cluster() {
  local port attempt
  for attempt in 1 2 3; do # another process may grab the free port before postgres binds it
    port="$(free_port)"
    if as_owner "$BIN/pg_ctl" start -D "$DATA" -l "$DIR/server.log" -w -t 30 -o \
      "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null 3>&-; then # the server must not inherit fd 3, or `$(...)` never ends
      echo "$port" | as_owner tee "$DIR/port" >/dev/null
      return 0
    fi
    echo "postgres.sh: start on port $port failed (attempt $attempt)"
  done
  tail -n 20 "$DIR/server.log" || true
  die "could not start PostgreSQL in $DATA"
}

BIN="$(pg_bin)" || {
  install_postgres
  BIN="$(pg_bin)" || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb"
}

if [ "${1:-}" = stop ]; then
  as_owner "$BIN/pg_ctl" stop -D "$DATA" -m immediate >/dev/null 2>&1 || true
  rm -rf "$DIR"
  echo "postgres.sh: stopped and removed $DIR"
  exit 0
fi

if running; then
  echo "postgres.sh: reusing the cluster in $DATA"
else
  new_cluster
  start_cluster
fi
PORT="$(cat "$DIR/port")"

exists="$(as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB'")"
[ "$exists" = 1 ] || as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"

echo "postgres.sh: PostgreSQL $(basename "$(dirname "$BIN")") on 127.0.0.1:$PORT, database $DB"
echo "export WERKSTIJL_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB" >&3
