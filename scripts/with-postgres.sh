#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL: initdb in a temp dir, a free loopback port, trust auth,
# DATABASE_URL exported for the command, then the server stopped and the dir removed (also on failure
# or Ctrl-C). Exits with the command's status.
#
#   scripts/with-postgres.sh npx vitest run lib/store
#
# Uses initdb/pg_ctl from PATH or /usr/lib/postgresql/*/bin; on a machine without them (Debian),
# installs the `postgresql` package when running as root. PostgreSQL refuses to run as root, so as
# root the server runs as the `postgres` user (created by the package), via runuser.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return
    fi
  done
}

PGBIN="$(find_bin || true)"
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's postgresql for the store tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    PGBIN="$(find_bin || true)"
  fi
  if [ -z "$PGBIN" ]; then
    echo "with-postgres: no PostgreSQL (initdb, pg_ctl) found and could not install one" >&2
    exit 1
  fi
fi

RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  RUN_AS=(runuser -u postgres --)
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/drydock-pg.XXXXXX")"
chmod 755 "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; fi

PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

# The exit status is the command's: stopping the server or removing its directory may complain (a
# server still writing as the directory goes), but never turns a passing run into a failing one.
cleanup() {
  set +e
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$DIR" 2>/dev/null || { sleep 1; rm -rf "$DIR" 2>/dev/null; } || echo "with-postgres: could not remove $DIR" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U drydock --auth=trust -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 || {
  cat "$DIR/initdb.log" >&2
  exit 1
}
if ! "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
  cat "$DIR/server.log" >&2
  exit 1
fi

export DATABASE_URL="postgres://drydock@127.0.0.1:$PORT/postgres"
echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (DATABASE_URL set)" >&2
set +e
"$@"
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "with-postgres: the command exited with status $status" >&2
  # What the server said can explain a failure outside any test (a connection it ended, say).
  grep -E "FATAL|PANIC|ERROR" "$DIR/server.log" 2>/dev/null | tail -n 15 >&2 || true
fi
exit $status
