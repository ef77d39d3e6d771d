#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for the test suite (STACK.md gotcha 7).
#   scripts/pg-cluster.sh start <dir>   → prints the URL to use as TEST_POSTGRES_URL
#   scripts/pg-cluster.sh stop <dir>
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
port=${PG_TEST_PORT:-54329}
data="$dir/data"
sock="$dir/sock"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      install -d -o postgres -g postgres "$data" "$sock"
    else
      mkdir -p "$data" "$sock"
    fi
    as_pg initdb -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg pg_ctl -D "$data" -l "$sock/pg.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $sock -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg pg_ctl -D "$data" -m fast stop >/dev/null || true
    ;;
esac
