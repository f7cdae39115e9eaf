#!/usr/bin/env bash
# The store and job-queue tests (`juesuan worker` processes sharing a queue) on real PostgreSQL: a
# throwaway cluster in a temporary directory, reachable only through a Unix socket there (no TCP port
# to collide with), stopped and removed on exit.
# Skips with a message when the server programs (Debian package postgresql) are not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "跳过 PostgreSQL 上的存储和任务队列测试：未找到 initdb / pg_ctl（Debian 包 postgresql，scripts/setup.sh 会安装）"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/juesuan-pg.XXXXXX")
# initdb refuses to run as root: as root the cluster belongs to the postgres system user.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$work/data" -U juesuan --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log"; exit 1; }
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses='' -k $work -c fsync=off" start >/dev/null ||
  { cat "$work/server.log"; exit 1; }
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')（临时集群，套接字 $work）"

# localhost is only a placeholder: the host parameter (the socket directory) replaces it.
DATABASE_URL="postgresql://juesuan@localhost/postgres?host=$work" \
  node --import tsx --test packages/store/src/*.test.ts packages/cli/src/commands/worker.test.ts packages/store/src/workspace/*.test.ts \
  packages/server/src/workspace-routes.test.ts
