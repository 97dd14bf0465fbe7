#!/usr/bin/env bash
# Production smoke test: Saldo as a self-hoster runs it, on Debian's PostgreSQL (not the embedded one).
#   1. Debian's `postgresql` package (installed if missing), a fresh cluster started as `postgres`
#   2. NODE_ENV=production with fresh random secrets; `npm run build`, `npm run db:deploy`
#   3. the XS2A sandbox as XS2A, `npm start` and two `npm run start:worker` (the compiled worker)
#   4. in Chromium: sign up, link the Testbank, its sync, see transactions
#   5. curl /api/health, /api/ready, /api/metrics (the smoke test's own sync) and a worker's metrics
#   6. backup and restore: pg_dump, pg_restore into a fresh database, the app on it shows the same
#   7. SIGTERM everything: each process must exit 0 (the web while a request is in flight)
#   Server-Timing: absent from the first web (production default), present on every page and route
#   of the second one, started with SERVER_TIMING=1 (database time and query count, app, total)
# Ports: SMOKE_PORT (3460), SMOKE_SANDBOX_PORT (4460), SMOKE_PG_PORT (54355). Run by `npm test` (its last step).
# SMOKE_REUSE_BUILD=1 skips `npm run build` when .next-prod-smoke holds one (local reruns; the
# worker is bundled again, which takes a second or two).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SMOKE_PORT:-3460}"
SANDBOX_PORT="${SMOKE_SANDBOX_PORT:-4460}"
PG_PORT="${SMOKE_PG_PORT:-54355}"
WORK="$(mktemp -d /tmp/saldo-prod-smoke.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg"
LOGS="$WORK/logs"
mkdir -p "$LOGS"
T0=$(date +%s)
step() { echo "━━ prod-smoke [$(($(date +%s) - T0)) s]: $*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
PIDS=()

# PostgreSQL never runs as root: as root, the cluster belongs to the `postgres` user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# npm's last descendant: the process a script started (npm does not wait for it on a signal).
leaf() { local p=$1 c; while c=$(pgrep -P "$p" | head -n 1) && [ -n "$c" ]; do p=$c; done; echo "$p"; }
# A process and everything it started (npm and tsx do not always pass a signal on).
tree() { local c; for c in $(pgrep -P "$1"); do tree "$c"; done; echo "$1"; }
cleanup() {
  local code=$? all=()
  for pid in "${PIDS[@]}"; do all+=($(tree "$pid")); done
  for pid in "${all[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 2
  for pid in "${all[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  [ -n "${PGBIN:-}" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  if [ "$code" -ne 0 ]; then
    echo "prod-smoke FAILED (exit $code); last lines of each log:"
    for f in "$LOGS"/*.log; do echo "── $f"; tail -n 30 "$f"; done
  fi
  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT

step "Debian PostgreSQL"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null; }; then
    echo "The production smoke test needs Debian's PostgreSQL server (not the embedded one). Install it:" >&2
    echo "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y postgresql" >&2
    echo "(any PostgreSQL 13+ whose binaries live in /usr/lib/postgresql/<version>/bin will do)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
chown -R postgres:postgres "$WORK" 2>/dev/null || true
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >"$LOGS/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" -w start >/dev/null
DB_PASSWORD="$(openssl rand -hex 16)"
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE ROLE saldo LOGIN PASSWORD '$DB_PASSWORD'"
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE saldo OWNER saldo"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PG_PORT"

step "production configuration (fresh random secrets)"
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="postgresql://saldo:$DB_PASSWORD@127.0.0.1:$PG_PORT/saldo"
export APP_URL="http://localhost:$PORT" NEXTAUTH_URL="http://localhost:$PORT"
export NEXTAUTH_SECRET="$(openssl rand -base64 48)"
export SALDO_ENCRYPTION_KEYS="k$(date +%Y):$(openssl rand -base64 32)"
export METRICS_TOKEN="$(openssl rand -hex 24)"
export XS2A_API_KEY="$(openssl rand -hex 20)"
export XS2A_API_URL="http://127.0.0.1:$SANDBOX_PORT" XS2A_WIZARD_URL="http://localhost:$SANDBOX_PORT"
export NEXT_DIST_DIR="${SMOKE_DIST_DIR:-.next-prod-smoke}"
export LOG_LEVEL=info

if [ "${SMOKE_REUSE_BUILD:-}" = 1 ] && [ -f "$NEXT_DIST_DIR/BUILD_ID" ]; then
  step "reusing the build in $NEXT_DIST_DIR (SMOKE_REUSE_BUILD=1); bundling the worker"
  node scripts/build-worker.mjs >"$LOGS/build.log" 2>&1
else
  step "npm run build"
  # `next build` with another distDir rewrites tsconfig.json's include list: keep the committed one.
  cp tsconfig.json "$WORK/tsconfig.json"
  npm run build >"$LOGS/build.log" 2>&1
  cp "$WORK/tsconfig.json" tsconfig.json
fi
step "npm run db:deploy"
npm run db:deploy >"$LOGS/deploy.log" 2>&1

step "sandbox, npm start, two workers"
XS2A_SANDBOX_PORT="$SANDBOX_PORT" XS2A_SANDBOX_API_KEY="$XS2A_API_KEY" XS2A_SANDBOX_STATE=memory \
  XS2A_SANDBOX_ALLOW_PRODUCTION=1 npm run sandbox >"$LOGS/sandbox.log" 2>&1 &
PIDS+=($!)
start_web() { node scripts/start.mjs -p "$PORT" >>"$LOGS/web.log" 2>&1 & WEB_PID=$!; PIDS+=("$WEB_PID"); }
start_web
for i in 1 2; do
  WORKER_METRICS_PORT=$((PORT + 10 + i)) npm run start:worker >"$LOGS/worker$i.log" 2>&1 &
  PIDS+=($!)
  eval "WORKER${i}_PID=$!"
done
wait_ready() {
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/ready")" = 200 ] && return 0
    sleep 1
  done
  echo "not ready: $(curl -s "http://127.0.0.1:$PORT/api/ready")"; return 1
}
wait_ready
# The response's Server-Timing header line, or nothing.
timing_of() { curl -s -o /dev/null -D - "http://127.0.0.1:$PORT$1" | tr -d '\r' | grep -i '^server-timing:' || true; }
for i in 1 2; do
  for _ in $(seq 1 60); do grep -q "worker ready" "$LOGS/worker$i.log" && break; sleep 1; done
  grep -q "worker ready" "$LOGS/worker$i.log"
done

step "Chromium: sign up, link the Testbank, sync, see transactions"
CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || true)}"
export CHROMIUM_PATH SMOKE_URL="http://localhost:$PORT" SMOKE_STATE="$WORK/state.json"
SMOKE_PHASE=live npx playwright test -c scripts/prod-smoke/playwright.config.ts

step "health, readiness, metrics"
curl -fsS "http://127.0.0.1:$PORT/api/health" | grep -q '"ok"'
# Production leaves Server-Timing off (timings are a side channel): no header without SERVER_TIMING=1.
for path in /signin /api/health /api/ready; do
  [ -z "$(timing_of "$path")" ] || { echo "Server-Timing sent without SERVER_TIMING=1 on $path"; exit 1; }
done
curl -fsS "http://127.0.0.1:$PORT/api/ready" | grep -q '"ready"'
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/metrics")" = 401 ]
METRICS="$(curl -fsS -H "authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$PORT/api/metrics")"
echo "$METRICS" | grep -E '^saldo_(sync_runs|import_rows_written|queue_depth)\{' | head -n 8
# The smoke test's own sync, done by a worker, counted from the database.
echo "$METRICS" | grep -Eq '^saldo_sync_runs\{trigger="LINK",status="SUCCEEDED"\} [1-9]'
echo "$METRICS" | grep -Eq '^saldo_import_rows_written\{kind="added"\} [1-9]'
WORKER_METRICS="$(curl -fsS -H "authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$((PORT + 11))/metrics")$(curl -fsS -H "authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$((PORT + 12))/metrics")"
echo "$WORKER_METRICS" | grep -Eq '^saldo_sync_runs_handled_total\{outcome="SUCCEEDED"\} [1-9]'
echo "$WORKER_METRICS" | grep -Eq '^saldo_xs2a_request_duration_seconds_count\{endpoint="GET /v1/api/accounts/:id/turnovers",status="200"\} [1-9]'
# The workers run compiled (dist/worker.mjs, no tsx); their peak memory so far, for the log.
for pid in "$(leaf "$WORKER1_PID")" "$(leaf "$WORKER2_PID")"; do
  tr '\0' ' ' </proc/"$pid"/cmdline | grep -q 'dist/worker.mjs'
  echo "worker $pid: $(tr '\0' ' ' </proc/"$pid"/cmdline | sed 's/^node //'), peak RSS $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/"$pid"/status) MB"
done

step "backup (pg_dump) and restore (pg_restore) into a fresh database"
as_pg "$PGBIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Fc -f "$WORK/saldo.dump" saldo
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE saldo_restored OWNER saldo"
as_pg "$PGBIN/pg_restore" -h 127.0.0.1 -p "$PG_PORT" -U postgres --no-owner --role=saldo -d saldo_restored "$WORK/saldo.dump"
ls -l "$WORK/saldo.dump" | awk '{print "dump: " $5 " bytes"}'

step "SIGTERM to the web with a request in flight, then the app on the restored database"
curl -s -o "$WORK/inflight.html" -w '%{http_code}' "http://127.0.0.1:$PORT/signin" >"$WORK/inflight.code" &
CURL_PID=$!
sleep 0.3
kill -TERM "$WEB_PID"
wait "$WEB_PID"
wait "$CURL_PID"
[ "$(cat "$WORK/inflight.code")" = 200 ]
grep -q "saldo web stopped" "$LOGS/web.log"
# This time with SERVER_TIMING=1, as `npm run dev` and the load tests run it.
DATABASE_URL="postgresql://saldo:$DB_PASSWORD@127.0.0.1:$PG_PORT/saldo_restored" SERVER_TIMING=1 start_web
wait_ready

step "Server-Timing with SERVER_TIMING=1: a page and routes say database, app and total"
for path in /signin /api/health /api/ready; do
  TIMING="$(timing_of "$path")"
  echo "$path: $TIMING"
  echo "$TIMING" | grep -Eq 'db;dur=[0-9]+\.[0-9];desc="database \([0-9]+ quer(y|ies)\)"'
  echo "$TIMING" | grep -Eq 'app;dur=[0-9]+\.[0-9];desc="render and framework"'
  echo "$TIMING" | grep -Eq 'total;dur=[0-9]+\.[0-9]'
done
# The readiness checks' queries go through lib/db.ts's pool: they are counted.
TIMING="$(timing_of /api/ready)"
echo "$TIMING" | grep -Eq 'database \([1-9][0-9]* quer'
SMOKE_PHASE=restored npx playwright test -c scripts/prod-smoke/playwright.config.ts

step "stop everything: SIGTERM, each process exits 0"
kill -TERM "$WEB_PID" "$(leaf "$WORKER1_PID")" "$(leaf "$WORKER2_PID")"
wait "$WEB_PID"
wait "$WORKER1_PID"
wait "$WORKER2_PID"
grep -q "worker stopped" "$LOGS/worker1.log"
grep -q "worker stopped" "$LOGS/worker2.log"
step "passed"
