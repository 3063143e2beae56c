#!/usr/bin/env bash
# A PostgreSQL server for the test suite: the one at TEST_PG_URL when it answers, otherwise a private cluster of
# Debian's postgresql (installed from apt when missing) in /tmp, on port 55432, started here and left running for
# the next run. Test clusters only: fsync is off. Prints nothing but progress; the URL is always TEST_PG_URL's default.
set -euo pipefail
PORT="${TEST_PG_PORT:-55432}"
URL="${TEST_PG_URL:-postgres://postgres@127.0.0.1:${PORT}/postgres}"
DIR="${TEST_PG_DIR:-/tmp/injeungjigi-pg}"

answers() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -d "$URL"; }

if answers; then exit 0; fi

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
  echo "PostgreSQL is missing: installing Debian's postgresql package…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
export PATH="$BIN:$PATH"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
AS=()
if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u postgres --); fi

mkdir -p "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  echo "Creating a test PostgreSQL cluster in $DIR/data…"
  "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
echo "Starting the test PostgreSQL on port $PORT…"
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
for _ in $(seq 1 60); do
  if pg_isready -q -d "$URL"; then exit 0; fi
  sleep 0.5
done
echo "PostgreSQL did not start; see $DIR/server.log" >&2
exit 1
